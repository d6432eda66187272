package io.flowline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The API server accepts any 64-bit integer where the schema says {@code type: integer}; a spec value that does not
 * fit the model's 32-bit field then fails the informer's deserialization, and the operator stops (one run with
 * {@code priority: 3000000000} took down the whole operator, and again after every restart). So every 32-bit field
 * a user writes carries its bounds into the schema, which refuses such a value at apply time.
 */
class SpecIntegerBoundsTest {
  @Test
  void every32BitFieldOfBothSpecsIsBoundedInTheSchema() {
    List<String> unbounded = new ArrayList<>();
    List<String> found = new ArrayList<>();
    Set<Class<?>> seen = new HashSet<>();
    walk(PipelineRunSpec.class, "PipelineRun.spec", seen, found, unbounded);
    walk(PipelineSpec.class, "Pipeline.spec", seen, found, unbounded);

    assertThat(found).as("the walk reaches the known 32-bit fields")
        .contains("PipelineRun.spec.priority", "PipelineRun.spec.retry");
    assertThat(unbounded).as("32-bit fields whose schema lets a larger integer through").isEmpty();
  }

  @Test
  void theBoundsThemselvesDeserialize() {
    String json = "{\"priority\": -2147483648, \"retry\": 2147483647, \"pipelineSpec\": {\"concurrency\": "
        + "{\"limit\": 2147483647}, \"history\": {\"succeeded\": 2147483647, \"failed\": 2147483647}, \"defaults\": "
        + "{\"retry\": {\"limit\": 2147483647}}, \"nodes\": []}}";
    assertThatCode(() -> new ObjectMapper().readValue(json, PipelineRunSpec.class)).doesNotThrowAnyException();
  }

  private static void walk(Class<?> type, String path, Set<Class<?>> seen, List<String> found,
      List<String> unbounded) {
    if (!seen.add(type)) {
      return;
    }
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      String fieldPath = path + "." + field.getName();
      Class<?> fieldType = elementType(field);
      if (fieldType == Integer.class || fieldType == int.class) {
        found.add(fieldPath);
        Max max = field.getAnnotation(Max.class);
        Min min = field.getAnnotation(Min.class);
        if (max == null || max.value() > Integer.MAX_VALUE || min == null || min.value() < Integer.MIN_VALUE) {
          unbounded.add(fieldPath);
        }
      } else if (fieldType.getName().startsWith("io.flowline.api.") && !fieldType.isEnum()) {
        walk(fieldType, fieldPath, seen, found, unbounded);
      }
    }
  }

  /** The field's type, or its element type for a list. */
  private static Class<?> elementType(Field field) {
    Type generic = field.getGenericType();
    if (generic instanceof ParameterizedType parameterized && List.class.isAssignableFrom(field.getType())) {
      Type element = parameterized.getActualTypeArguments()[0];
      if (element instanceof Class<?> elementClass) {
        return elementClass;
      }
    }
    return field.getType();
  }
}
