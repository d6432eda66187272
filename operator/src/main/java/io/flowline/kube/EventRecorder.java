package io.flowline.kube;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flowline.engine.Messages;
import io.flowline.engine.PlannedEvent;
import io.flowline.engine.Timestamps;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes core/v1 Events. An event that cannot be written is logged, never fails a reconciliation. */
public final class EventRecorder {
  static final String COMPONENT = "flowline-operator";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final int MESSAGE_LIMIT = 1024;

  private final KubernetesClient client;

  public EventRecorder(KubernetesClient client) {
    this.client = client;
  }

  public void record(HasMetadata target, List<PlannedEvent> events) {
    for (PlannedEvent event : events) {
      record(target, event);
    }
  }

  public void record(HasMetadata target, PlannedEvent event) {
    String now = Timestamps.format(Instant.now());
    String message = event.message() == null ? "" : event.message();
    try {
      client.v1().events().inNamespace(target.getMetadata().getNamespace()).resource(new EventBuilder()
          .withNewMetadata()
            .withGenerateName(target.getMetadata().getName() + ".")
            .withNamespace(target.getMetadata().getNamespace())
          .endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder()
              .withApiVersion(target.getApiVersion())
              .withKind(target.getKind())
              .withName(target.getMetadata().getName())
              .withNamespace(target.getMetadata().getNamespace())
              .withUid(target.getMetadata().getUid())
              .build())
          .withType(event.warning() ? "Warning" : "Normal")
          .withReason(event.reason())
          .withMessage(Messages.abbreviate(message, MESSAGE_LIMIT))
          .withFirstTimestamp(now)
          .withLastTimestamp(now)
          .withCount(1)
          .withNewSource().withComponent(COMPONENT).endSource()
          .withReportingComponent(COMPONENT)
          .build()).create();
    } catch (KubernetesClientException e) {
      LOG.warn("Could not record event {} on {}/{}: {}", event.reason(), target.getKind(),
          target.getMetadata().getName(), e.getMessage());
    }
  }
}
