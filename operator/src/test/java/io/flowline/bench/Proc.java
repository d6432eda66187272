package io.flowline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What /proc and jcmd tell about the operator process: CPU seconds, resident memory, heap. Linux only. */
final class Proc {
  /** USER_HZ: /proc/PID/stat counts CPU time in these ticks (100 on Linux x86). */
  private static final double TICKS_PER_SECOND = 100.0;
  private static final Pattern USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

  private Proc() {
  }

  /** utime + stime of the process, in seconds. */
  static double cpuSeconds(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    // Field 2 (comm) may hold spaces; the fields after its closing parenthesis are fixed.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // f[0] is field 3 (state): utime is field 14, stime field 15.
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
  }

  /** A line of /proc/PID/status in MiB, e.g. VmRSS (now) or VmHWM (peak); -1 when gone. */
  static double statusMib(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  /** Heap in use (MiB) as `jcmd PID GC.heap_info` reports it, summed over the heap's generations. */
  static double heapUsedMib(long pid) {
    String out = jcmd(pid, "GC.heap_info");
    long usedKib = 0;
    boolean any = false;
    for (String line : out.split("\n")) {
      if (line.contains("Metaspace") || line.contains("class space")) {
        continue;
      }
      Matcher m = USED.matcher(line);
      if (m.find()) {
        usedKib += Long.parseLong(m.group(2));
        any = true;
      }
    }
    return any ? usedKib / 1024.0 : -1;
  }

  static String jcmd(long pid, String... command) {
    List<String> args = new ArrayList<>();
    args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    args.add(Long.toString(pid));
    args.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "jcmd failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path + " (has the process ended?)", e);
    }
  }
}
