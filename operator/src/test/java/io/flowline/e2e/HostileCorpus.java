package io.flowline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hostile-input corpus in src/test/resources/e2e/corpus/: one case a file, its expectations in the leading
 * comment lines (the format is described in that folder's README.md). Files may hold generator tokens for what would
 * be unwieldy to commit ({@code ${repeat:C:N}}, {@code ${chain-cycle:N}}, {@code ${chain-ghost:N}}); each case is
 * applied from its expanded copy.
 */
final class HostileCorpus {
  private static final String FOLDER = "/e2e/corpus";
  private static final Pattern REPEAT = Pattern.compile("\\$\\{repeat:(.):([0-9]+)}");
  private static final Pattern CHAIN = Pattern.compile("^(\\s*)\\$\\{chain-(cycle|ghost):([0-9]+)}\\s*$");
  private static final Pattern THEN =
      Pattern.compile("delete pipeline (\\S+) when run (\\S+) is (\\S+)");

  private static List<Case> cases;

  private HostileCorpus() {
  }

  /** What one file expects; {@code message} is a substring, null when the expectation names none. */
  sealed interface Expectation permits Rejected, PipelineEnd, RunEnd, NodeEnd {
  }

  /** kubectl apply (or create) fails: the schema, or kubectl's validation against it, refuses the file. */
  record Rejected(String message) implements Expectation {
  }

  /** The Pipeline settles in this state; for Invalid the Ready condition's message holds {@code message}. */
  record PipelineEnd(String name, String state, String message) implements Expectation {
  }

  /** The run ends in this phase with this reason of its Succeeded condition, whose message holds {@code message}. */
  record RunEnd(String name, String phase, String reason, String message) implements Expectation {
  }

  /** A node of a finished run ended in this phase with this reason, its message holding {@code message}. */
  record NodeEnd(String run, String node, String phase, String reason, String message) implements Expectation {
  }

  /** Something to do once a run reaches a phase: delete a Pipeline under its running run. */
  record Then(String pipeline, String run, String phase) {
  }

  /**
   * One file: its name (the test's display name), the expanded copy to apply, what it expects, whether it must be
   * created rather than applied (kubectl apply keeps the whole object in an annotation, at most 256 KiB), and an
   * optional action.
   */
  record Case(String file, Path manifest, String description, List<Expectation> expectations, boolean create,
      Then then) {
    @Override
    public String toString() {
      return file;
    }

    boolean rejected() {
      return expectations.stream().anyMatch(Rejected.class::isInstance);
    }

    /** Slow: its outcome comes only after the operator's 30 s wait for a missing Pipeline. */
    boolean slow() {
      return expectations.stream().anyMatch(e -> e instanceof RunEnd run && "PipelineNotFound".equals(run.reason()));
    }
  }

  /** Every case, by file name; loaded and expanded once per JVM. */
  static synchronized List<Case> cases() {
    if (cases == null) {
      cases = load();
    }
    return cases;
  }

  private static List<Case> load() {
    try {
      URL folder = HostileCorpus.class.getResource(FOLDER);
      if (folder == null) {
        throw new IllegalStateException("no " + FOLDER + " on the test classpath");
      }
      Path expanded = Files.createTempDirectory("flowline-corpus");
      List<Case> loaded = new ArrayList<>();
      try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
          String text = expand(Files.readString(file));
          Path copy = Files.writeString(expanded.resolve(file.getFileName()), text);
          loaded.add(parse(file.getFileName().toString(), copy, text));
        }
      }
      return List.copyOf(loaded);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Case parse(String file, Path manifest, String text) {
    List<Expectation> expectations = new ArrayList<>();
    String description = null;
    boolean create = false;
    Then then = null;
    for (String line : text.lines().takeWhile(l -> l.startsWith("#")).toList()) {
      String comment = line.substring(1).strip();
      if (comment.startsWith("expect:")) {
        expectations.add(expectation(file, comment.substring("expect:".length()).strip()));
      } else if (comment.equals("apply: create")) {
        create = true;
      } else if (comment.startsWith("then:")) {
        Matcher matcher = THEN.matcher(comment.substring("then:".length()).strip());
        if (!matcher.matches()) {
          throw new IllegalArgumentException(file + ": cannot read " + line);
        }
        then = new Then(matcher.group(1), matcher.group(2), matcher.group(3));
      } else if (description == null) {
        description = comment;
      }
    }
    if (expectations.isEmpty() || description == null) {
      throw new IllegalArgumentException(file + ": a case needs a description and at least one '# expect:' line");
    }
    return new Case(file, manifest, description, List.copyOf(expectations), create, then);
  }

  /**
   * {@code KIND WORDS... "message"}: the message is everything between the first and the last double quote, as is
   * (so it may hold quotes itself).
   */
  private static Expectation expectation(String file, String text) {
    int quote = text.indexOf('"');
    String message = null;
    String head = text;
    if (quote >= 0) {
      int last = text.lastIndexOf('"');
      if (last == quote) {
        throw new IllegalArgumentException(file + ": unbalanced quote in " + text);
      }
      message = text.substring(quote + 1, last);
      head = text.substring(0, quote);
    }
    String[] words = head.strip().split("\\s+");
    return switch (words[0] + "/" + words.length) {
      case "rejected/1" -> new Rejected(require(file, message, text));
      case "pipeline/3" -> new PipelineEnd(words[1], words[2], message);
      case "run/4" -> new RunEnd(words[1], words[2], words[3], message);
      case "node/5" -> new NodeEnd(words[1], words[2], words[3], words[4], require(file, message, text));
      default -> throw new IllegalArgumentException(file + ": cannot read expectation " + text);
    };
  }

  private static String require(String file, String message, String text) {
    if (message == null || message.isEmpty()) {
      throw new IllegalArgumentException(file + ": expectation needs a \"message\": " + text);
    }
    return message;
  }

  static String expand(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      Matcher chain = CHAIN.matcher(line);
      if (chain.matches()) {
        out.append(chain(chain.group(1), chain.group(2), Integer.parseInt(chain.group(3))));
      } else {
        out.append(REPEAT.matcher(line).replaceAll(m -> m.group(1).repeat(Integer.parseInt(m.group(2)))));
      }
      out.append('\n');
    }
    return out.substring(0, out.length() - 1);
  }

  /**
   * Nodes n00000 ... each depending on the one before; {@code cycle}: the first also depends on the last;
   * {@code ghost}: the last also depends on a node that does not exist.
   */
  private static String chain(String indent, String kind, int count) {
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      List<String> dependsOn = new ArrayList<>(2);
      if (i > 0) {
        dependsOn.add(nodeName(i - 1));
      }
      if (kind.equals("cycle") && i == 0) {
        dependsOn.add(nodeName(count - 1));
      }
      if (kind.equals("ghost") && i == count - 1) {
        dependsOn.add("ghost");
      }
      lines.add(indent + "- {name: " + nodeName(i) + ", image: busybox:1.36"
          + (dependsOn.isEmpty() ? "" : ", dependsOn: [" + String.join(", ", dependsOn) + "]") + "}");
    }
    return String.join("\n", lines);
  }

  private static String nodeName(int index) {
    return String.format("n%05d", index);
  }
}
