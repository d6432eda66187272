package io.flowline.dashboard;

import java.util.List;

/** Whether a user may do something to PipelineRuns: the API server's RBAC decides, through a SubjectAccessReview. */
public interface AccessReviewer {
  /**
   * @param verb create (start) or patch (pause, resume, stop, cancel, retry)
   * @param name the run, or null for a verb on the collection
   */
  record Request(String user, List<String> groups, String verb, String namespace, String name) {
    public Request {
      groups = List.copyOf(groups);
    }

    String describe() {
      return user + " may not " + verb + " pipelineruns" + (name == null ? "" : "/" + name) + " in namespace "
          + namespace;
    }
  }

  /** @param reason the authorizer's words, shown with a refusal; may be empty */
  record Decision(boolean allowed, String reason) {
  }

  /** @throws io.fabric8.kubernetes.client.KubernetesClientException when the review itself cannot be made */
  Decision review(Request request);
}
