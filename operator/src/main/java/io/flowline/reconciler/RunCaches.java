package io.flowline.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.kube.NodeTableStore;
import io.flowline.kube.SnapshotStore;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * The run reconciler's caches, shared with the dashboard so that viewing runs costs no API call: full runs, the
 * Pipelines, the pods of node attempts (metadata and status), and the stores (with their caches) of pipeline snapshots and node tables that larger runs keep in
 * ConfigMaps.
 */
public record RunCaches(IndexerResourceCache<PipelineRun> runs, InformerEventSource<Pipeline, PipelineRun> pipelines,
    InformerEventSource<Pod, PipelineRun> pods, SnapshotStore snapshots, NodeTableStore nodeTables) {
}
