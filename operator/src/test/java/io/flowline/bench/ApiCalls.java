package io.flowline.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API request counts keyed the way the API server's {@code apiserver_request_total} counter is: "group/resource
 * [/subresource] VERB" (core group written as "core"). Kubernetes v1.20's counter has no client or user-agent label,
 * so the operator's share is the counter's difference over a scenario minus the requests the harness itself sent,
 * which {@link Counter} counts on the harness's clients (an HTTP interceptor, one count per request sent).
 */
final class ApiCalls {
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private ApiCalls() {
  }

  /** apiserver_request_total summed over code, scope, version and component; resource requests only. */
  static Map<String, Long> scrape(KubernetesClient client) {
    String text = client.raw(client.getMasterUrl().toString().replaceAll("/$", "") + "/metrics");
    if (text == null) {
      throw new IllegalStateException("GET /metrics on the API server answered nothing");
    }
    Map<String, Long> counts = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith("apiserver_request_total{")) {
        continue;
      }
      int close = line.lastIndexOf('}');
      Map<String, String> labels = new TreeMap<>();
      Matcher m = LABEL.matcher(line.substring(0, close));
      while (m.find()) {
        labels.put(m.group(1), m.group(2));
      }
      String resource = labels.getOrDefault("resource", "");
      if (resource.isEmpty()) {
        continue;   // /metrics, /healthz, discovery: not a resource
      }
      long value = (long) Double.parseDouble(line.substring(close + 1).trim());
      counts.merge(key(labels.getOrDefault("group", ""), resource, labels.getOrDefault("subresource", ""),
          labels.getOrDefault("verb", "")), value, Long::sum);
    }
    return counts;
  }

  static String key(String group, String resource, String subresource, String verb) {
    return (group.isEmpty() ? "core" : group) + "/" + resource + (subresource.isEmpty() ? "" : "/" + subresource)
        + " " + verb;
  }

  static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> diff = new TreeMap<>();
    after.forEach((k, v) -> {
      long d = v - before.getOrDefault(k, 0L);
      if (d != 0) {
        diff.put(k, d);
      }
    });
    before.forEach((k, v) -> {
      if (!after.containsKey(k) && v != 0) {
        diff.put(k, -v);
      }
    });
    return diff;
  }

  /** The resources of the operator's ClusterRole (helm/flowline-operator/rbac/operator-rules.yaml). */
  private static final java.util.Set<String> OPERATOR_RESOURCES = java.util.Set.of("flowline.io/pipelines",
      "flowline.io/pipelineruns", "batch/jobs", "core/pods", "core/configmaps", "core/events", "events.k8s.io/events");

  static boolean operatorResource(String key) {
    String resource = key.substring(0, key.indexOf(' '));
    int second = resource.indexOf('/', resource.indexOf('/') + 1);
    return OPERATOR_RESOURCES.contains(second < 0 ? resource : resource.substring(0, second));
  }

  static boolean isWrite(String key) {
    return key.endsWith(" POST") || key.endsWith(" PUT") || key.endsWith(" PATCH") || key.endsWith(" DELETE")
        || key.endsWith(" DELETECOLLECTION") || key.endsWith(" APPLY");
  }

  static boolean isRead(String key) {
    return key.endsWith(" GET") || key.endsWith(" LIST");
  }

  /** The API server's key of one request, or null for a non-resource path (/metrics, /version, discovery). */
  static String classify(String method, URI uri) {
    String[] all = uri.getPath().replaceAll("^/+|/+$", "").split("/");
    String group;
    int at;
    if (all.length >= 3 && all[0].equals("api")) {
      group = "";
      at = 2;
    } else if (all.length >= 4 && all[0].equals("apis")) {
      group = all[1];
      at = 3;
    } else {
      return null;
    }
    String[] rest = java.util.Arrays.copyOfRange(all, at, all.length);
    String resource;
    String name = null;
    String sub = "";
    if (rest.length >= 3 && rest[0].equals("namespaces")) {
      resource = rest[2];
      name = rest.length > 3 ? rest[3] : null;
      sub = rest.length > 4 ? rest[4] : "";
    } else {
      resource = rest[0];
      name = rest.length > 1 ? rest[1] : null;
      sub = rest.length > 2 ? rest[2] : "";
    }
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    String verb = switch (method.toUpperCase()) {
      case "GET" -> query.contains("watch=true") || query.contains("watch=1") ? "WATCH" : name == null ? "LIST" : "GET";
      case "DELETE" -> name == null ? "DELETECOLLECTION" : "DELETE";
      default -> method.toUpperCase();
    };
    return key(group, resource, sub, verb);
  }

  /** Counts every request a harness client sends, by {@link #classify}. */
  static final class Counter implements Interceptor {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      String key = classify(request.method(), request.uri());
      if (key != null) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
      }
    }

    Map<String, Long> snapshot() {
      Map<String, Long> copy = new TreeMap<>();
      counts.forEach((k, v) -> copy.put(k, v.sum()));
      return copy;
    }
  }
}
