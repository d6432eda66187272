package io.flowline.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A reusable pipeline definition: a DAG of nodes with typed params. */
@Group(Pipeline.GROUP)
@Version(Pipeline.VERSION)
@ShortNames("pl")
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Activation", jsonPath = ".spec.activation", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule.cron", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last Run", jsonPath = ".status.lastRun.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last Phase", jsonPath = ".status.lastRun.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Next", jsonPath = ".status.nextScheduleTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Pipeline extends CustomResource<PipelineSpec, PipelineStatus> implements Namespaced {
  public static final String GROUP = "flowline.io";
  public static final String VERSION = "v1alpha1";
}
