package io.flowline.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One execution of a pipeline, referenced by name or given inline. */
@Group(Pipeline.GROUP)
@Version(Pipeline.VERSION)
@ShortNames("plr")
@AdditionalPrinterColumn(name = "Pipeline", jsonPath = ".spec.pipelineRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Progress", jsonPath = ".status.progress", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Start", jsonPath = ".status.startTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "End", jsonPath = ".status.completionTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class PipelineRun extends CustomResource<PipelineRunSpec, PipelineRunStatus> implements Namespaced {
}
