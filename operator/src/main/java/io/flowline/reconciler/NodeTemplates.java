package io.flowline.reconciler;

import io.flowline.api.NodeSpec;
import io.flowline.api.NodeTemplate;
import io.flowline.api.NodeTemplateSpec;
import io.flowline.api.Pipeline;
import io.flowline.engine.ResolvedPipeline;
import io.flowline.kube.CacheTrimming;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The NodeTemplate informer of a reconciler, and which Pipelines use a template. */
final class NodeTemplates {
  private static final String BY_TEMPLATE = "flowline-pipelines-by-template";

  private NodeTemplates() {
  }

  /**
   * Watches NodeTemplates for a reconciler; a template event reaches the primaries {@code users} names. Only a spec
   * change (a new generation) is an event: a template's labels or annotations change nothing a node runs.
   */
  static <P extends HasMetadata> InformerEventSource<NodeTemplate, P> informer(Class<P> primary,
      SecondaryToPrimaryMapper<NodeTemplate> users, EventSourceContext<P> context) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(NodeTemplate.class, primary)
        .withSecondaryToPrimaryMapper(users)
        .withItemStore(CacheTrimming.store(CacheTrimming::nodeTemplate))
        .withOnUpdateFilter((after, before) -> !Objects.equals(after.getMetadata().getGeneration(),
            before.getMetadata().getGeneration()))
        .build(), context);
  }

  /**
   * Indexes the Pipeline cache by the templates their nodes name (before the informer starts, as JOSDK requires),
   * and maps a template to the Pipelines of its namespace that use it: an index lookup, not a scan of every Pipeline.
   */
  static SecondaryToPrimaryMapper<NodeTemplate> usersIn(IndexerResourceCache<Pipeline> pipelines) {
    pipelines.addIndexer(BY_TEMPLATE, NodeTemplates::templateKeys);
    return template -> pipelines.byIndex(BY_TEMPLATE, key(template.getMetadata().getNamespace(),
            template.getMetadata().getName())).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /** The templates of a namespace as the engine looks them up, from {@code cache}. */
  static ResolvedPipeline.Templates in(String namespace, Function<ResourceID, Optional<NodeTemplate>> cache) {
    return name -> cache.apply(new ResourceID(name, namespace)).map(NodeTemplates::specOf);
  }

  static List<String> templateKeys(Pipeline pipeline) {
    if (pipeline.getSpec() == null) {
      return List.of();
    }
    Set<String> keys = new LinkedHashSet<>();
    for (List<NodeSpec> nodes : Arrays.asList(pipeline.getSpec().getNodes(), pipeline.getSpec().getFinallyNodes())) {
      for (NodeSpec node : nodes == null ? List.<NodeSpec>of() : nodes) {
        if (node != null && node.getTemplateRef() != null && node.getTemplateRef().getName() != null) {
          keys.add(key(pipeline.getMetadata().getNamespace(), node.getTemplateRef().getName()));
        }
      }
    }
    return List.copyOf(keys);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** A template with no spec gives nothing: it resolves like an empty one. */
  static NodeTemplateSpec specOf(NodeTemplate template) {
    return template.getSpec() == null ? new NodeTemplateSpec() : template.getSpec();
  }
}
