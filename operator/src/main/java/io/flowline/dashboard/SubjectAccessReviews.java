package io.flowline.dashboard;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowline.api.PipelineRun;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** {@link AccessReviewer} by a SubjectAccessReview (authorization.k8s.io/v1) for the proxy's user and groups. */
final class SubjectAccessReviews implements AccessReviewer {
  private final KubernetesClient client;

  SubjectAccessReviews(KubernetesClient client) {
    this.client = client;
  }

  static SubjectAccessReview reviewOf(Request request) {
    return new SubjectAccessReviewBuilder().withNewSpec()
        .withUser(request.user())
        .withGroups(request.groups())
        .withNewResourceAttributes()
        .withGroup(HasMetadata.getGroup(PipelineRun.class))
        .withResource(HasMetadata.getPlural(PipelineRun.class))
        .withVerb(request.verb())
        .withNamespace(request.namespace())
        .withName(request.name())
        .endResourceAttributes()
        .endSpec().build();
  }

  @Override
  public Decision review(Request request) {
    SubjectAccessReview answered = client.authorization().v1().subjectAccessReview()
        .create(reviewOf(request));
    boolean allowed = answered.getStatus() != null && Boolean.TRUE.equals(answered.getStatus().getAllowed());
    String reason = answered.getStatus() == null ? "" : nonNull(answered.getStatus().getReason())
        + (answered.getStatus().getEvaluationError() == null ? "" : " " + answered.getStatus().getEvaluationError());
    return new Decision(allowed, reason.trim());
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }
}
