package io.flowline.e2e;

import io.fabric8.kubernetes.api.model.Event;
import java.util.List;

/** Kubernetes Events recorded on one object, the same ones `kubectl describe` and `kubectl get events` show. */
final class Events {
  private final E2eEnvironment env;

  Events(E2eEnvironment env) {
    this.env = env;
  }

  List<Event> on(String kind, String name) {
    return env.client().v1().events().inNamespace(env.namespace())
        .withField("involvedObject.name", name)
        .list().getItems().stream()
        .filter(event -> kind.equals(event.getInvolvedObject().getKind()))
        .toList();
  }

  List<String> reasonsOn(String kind, String name) {
    return on(kind, name).stream().map(Event::getReason).toList();
  }
}
