package io.flowline.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A reusable node (a task definition): pipeline nodes name it in templateRef and set only what differs. It has no
 * status: whether a template is usable shows on the Pipelines that use it (resolved nodes are validated there).
 */
@Group(Pipeline.GROUP)
@Version(Pipeline.VERSION)
@ShortNames("nt")
@AdditionalPrinterColumn(name = "Image", jsonPath = ".spec.image", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class NodeTemplate extends CustomResource<NodeTemplateSpec, Void> implements Namespaced {
}
