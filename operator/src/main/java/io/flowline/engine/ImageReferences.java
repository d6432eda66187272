package io.flowline.engine;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Container image references by the grammar the kubelet parses them with (github.com/distribution/reference):
 * {@code [registry-host[:port]/]path-component[/path-component]*[:tag][@digest]}, path components in lower case.
 * An image the kubelet cannot parse leaves the pod in InvalidImageName until the pod start grace runs out; caught
 * by validation, the user learns it at once and with the field path.
 */
public final class ImageReferences {
  private static final int MAX_NAME_LENGTH = 255;
  private static final int MAX_LENGTH = 1024;
  // Separators are never empty here (the original's "[-]*" may be), which keeps the pattern free of the nested
  // repetition that makes a regular expression take exponential time on long input.
  private static final String PATH_COMPONENT = "[a-z0-9]++(?:(?:[._]|__|-++)[a-z0-9]++)*+";
  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";
  private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
  private static final Pattern REFERENCE =
      Pattern.compile("(" + NAME + ")(?::" + TAG + ")?(?:@" + DIGEST + ")?");

  private ImageReferences() {
  }

  /** The problem of an image reference, if any; a missing image is "is required". */
  public static Optional<String> problem(String image) {
    if (image == null || image.isBlank()) {
      return Optional.of("is required");
    }
    if (image.chars().anyMatch(Character::isWhitespace)) {
      return Optional.of(Quote.of(image) + " is not an image reference (it contains whitespace)");
    }
    Matcher matcher = REFERENCE.matcher(image);
    if (image.length() > MAX_LENGTH || !matcher.matches()) {
      return Optional.of(Quote.of(image) + " is not an image reference (use e.g. busybox:1.36, "
          + "registry.example.com:5000/team/app:v2 or app@sha256:<64 hex>; repository names are lower case)");
    }
    String name = matcher.group(1);
    if (name.length() > MAX_NAME_LENGTH) {
      return Optional.of(Quote.of(image) + " is not an image reference (the repository name is longer than "
          + MAX_NAME_LENGTH + " characters)");
    }
    if (!hasRegistry(name) && !name.equals(name.toLowerCase(Locale.ROOT))) {
      return Optional.of(Quote.of(image) + " is not an image reference (repository names are lower case)");
    }
    return Optional.empty();
  }

  /**
   * The kubelet takes the first component for a registry host only when it has a '.' or ':' or is localhost;
   * otherwise it is part of the repository path on Docker Hub and must be lower case like the rest.
   */
  private static boolean hasRegistry(String name) {
    int slash = name.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String first = name.substring(0, slash);
    return first.contains(".") || first.contains(":") || first.equals("localhost");
  }
}
