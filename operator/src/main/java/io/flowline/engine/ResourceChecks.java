package io.flowline.engine;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks a node's resource requests and limits as the API server would on Job creation: every quantity parses
 * and is not negative, and no request exceeds the limit of the same resource.
 */
final class ResourceChecks {
  private ResourceChecks() {
  }

  static void check(ResourceRequirements resources, String path, Problems problems) {
    if (resources == null) {
      return;
    }
    Map<String, BigDecimal> limits = values(resources.getLimits(), path + ".limits", problems);
    Map<String, BigDecimal> requests = values(resources.getRequests(), path + ".requests", problems);
    requests.forEach((resource, request) -> {
      BigDecimal limit = limits.get(resource);
      if (limit != null && request.compareTo(limit) > 0) {
        problems.add(path + ".requests." + resource, Quote.of(text(resources.getRequests().get(resource)))
            + " is more than the limit " + Quote.of(text(resources.getLimits().get(resource))));
      }
    });
  }

  /** The values of the quantities that are valid; reports the others. */
  private static Map<String, BigDecimal> values(Map<String, Quantity> quantities, String path, Problems problems) {
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    if (quantities == null) {
      return values;
    }
    quantities.forEach((resource, quantity) -> {
      String fieldPath = path + "." + resource;
      try {
        BigDecimal value = Quantities.parse(text(quantity));
        if (value.signum() < 0) {
          problems.add(fieldPath, Quote.of(text(quantity)) + " is negative");
        } else {
          values.put(resource, value);
        }
      } catch (IllegalArgumentException e) {
        problems.add(fieldPath, e.getMessage());
      }
    });
    return values;
  }

  /** The quantity as the user wrote it: fabric8 splits it into number and suffix. */
  private static String text(Quantity quantity) {
    if (quantity == null) {
      return "";
    }
    return (quantity.getAmount() == null ? "" : quantity.getAmount())
        + (quantity.getFormat() == null ? "" : quantity.getFormat());
  }
}
