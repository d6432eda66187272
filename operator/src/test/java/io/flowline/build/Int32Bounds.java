package io.flowline.build;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * Bounds every 32-bit integer of the schema to the 32-bit range, the Kubernetes types embedded in the model too
 * (a volume's defaultMode, say), whose fields cannot carry @Min/@Max: the API server takes any 64-bit integer where
 * the schema says {@code type: integer}, and a value that does not fit the model's Integer would fail the
 * informer's deserialization of the whole object (see SpecIntegerBoundsTest). Bounds already set are kept.
 */
final class Int32Bounds {
  private Int32Bounds() {
  }

  /** The schema of a custom resource {@code kind} (a CustomResource&lt;Spec, Status&gt;): its spec and status. */
  static void applyToResource(JSONSchemaProps schema, Class<?> kind) {
    Type[] specAndStatus = ((ParameterizedType) kind.getGenericSuperclass()).getActualTypeArguments();
    apply(schema.getProperties().get("spec"), specAndStatus[0]);
    apply(schema.getProperties().get("status"), specAndStatus[1]);
  }

  /** Walks {@code schema} and the Java type it was generated from side by side. */
  static void apply(JSONSchemaProps schema, Type type) {
    if (schema == null) {
      return;
    }
    Class<?> raw = rawClass(type);
    if (raw == Integer.class || raw == int.class) {
      if (schema.getMinimum() == null) {
        schema.setMinimum((double) Integer.MIN_VALUE);
      }
      if (schema.getMaximum() == null) {
        schema.setMaximum((double) Integer.MAX_VALUE);
      }
      return;
    }
    if (type instanceof ParameterizedType parameterized && List.class.isAssignableFrom(raw)) {
      if (schema.getItems() != null) {
        apply(schema.getItems().getSchema(), parameterized.getActualTypeArguments()[0]);
      }
      return;
    }
    if (type instanceof ParameterizedType parameterized && Map.class.isAssignableFrom(raw)) {
      if (schema.getAdditionalProperties() != null) {
        apply(schema.getAdditionalProperties().getSchema(), parameterized.getActualTypeArguments()[1]);
      }
      return;
    }
    if (raw == null || schema.getProperties() == null || !modelClass(raw)) {
      return;
    }
    for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          apply(schema.getProperties().get(jsonName(field)), field.getGenericType());
        }
      }
    }
  }

  private static boolean modelClass(Class<?> type) {
    return type.getName().startsWith("io.flowline.api.") || type.getName().startsWith("io.fabric8.kubernetes.api.model.");
  }

  private static String jsonName(Field field) {
    JsonProperty property = field.getAnnotation(JsonProperty.class);
    return property != null && !property.value().isEmpty() ? property.value() : field.getName();
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }
}
