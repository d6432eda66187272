package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputsParserTest {

  @Test
  void readsDeclaredOutputsInDeclarationOrder() {
    OutputsResult result = OutputsParser.parse("size=10\nrows=42\n", List.of("rows", "size"));
    assertThat(result.ok()).isTrue();
    assertThat(result.failureReason()).isNull();
    assertThat(result.outputs()).containsExactly(entry("rows", "42"), entry("size", "10"));
  }

  @Test
  void splitsAtTheFirstEqualsSign() {
    OutputsResult result = OutputsParser.parse("query=a=b&c=d", List.of("query"));
    assertThat(result.outputs()).containsExactly(entry("query", "a=b&c=d"));
  }

  @Test
  void stripsCarriageReturnsAndSkipsBlankAndMalformedLines() {
    OutputsResult result = OutputsParser.parse("\r\nrows=42\r\n\r\n   \njust text\nempty=\r\n", List.of("rows", "empty"));
    assertThat(result.ok()).isTrue();
    assertThat(result.outputs()).containsExactly(entry("rows", "42"), entry("empty", ""));
  }

  @Test
  void letsTheLastDuplicateWinAndIgnoresUndeclaredNames() {
    OutputsResult result = OutputsParser.parse("rows=1\nother=x\nrows=2", List.of("rows"));
    assertThat(result.outputs()).containsExactly(entry("rows", "2"));
  }

  @Test
  void keepsValuesAsWrittenButTrimsNames() {
    OutputsResult result = OutputsParser.parse(" rows = 42 ", List.of("rows"));
    assertThat(result.outputs()).containsExactly(entry("rows", " 42 "));
  }

  @Test
  void failsWithOutputsMissingNamingEveryMissingOutput() {
    OutputsResult result = OutputsParser.parse("rows=42", List.of("rows", "size", "file.name"));
    assertThat(result.ok()).isFalse();
    assertThat(result.failureReason()).isEqualTo("OutputsMissing");
    assertThat(result.failureMessage())
        .isEqualTo("declared outputs size, file.name were not written to /dev/termination-log (write name=value lines)");
    assertThat(result.outputs()).isEmpty();
  }

  @Test
  void treatsANullMessageAsEmpty() {
    OutputsResult result = OutputsParser.parse(null, List.of("rows"));
    assertThat(result.failureReason()).isEqualTo("OutputsMissing");
    assertThat(result.failureMessage()).startsWith("declared output rows was not written");
  }

  @Test
  void failsWithOutputsTooLargeAtExactly4096Bytes() {
    String exactly4096 = "rows=" + "x".repeat(4096 - 5);
    OutputsResult result = OutputsParser.parse(exactly4096, List.of("rows"));
    assertThat(result.failureReason()).isEqualTo("OutputsTooLarge");
    assertThat(result.failureMessage()).contains("4096 bytes");
    assertThat(result.outputs()).isEmpty();

    String justBelow = "rows=" + "x".repeat(4095 - 5);
    assertThat(OutputsParser.parse(justBelow, List.of("rows")).outputs().get("rows")).hasSize(4095 - 5);
  }

  @Test
  void countsBytesInUtf8NotCharacters() {
    String value = "é".repeat(2046); // 4092 bytes, 2046 characters
    assertThat(OutputsParser.parse("rows=" + value, List.of("rows")).failureReason()).isEqualTo("OutputsTooLarge");
    assertThat(OutputsParser.parse("r=" + value, List.of("r")).ok()).isTrue();
  }

  @Test
  void acceptsAnythingFromANodeWithoutDeclaredOutputs() {
    String large = "log line\n".repeat(1000);
    assertThat(OutputsParser.parse(large, List.of()).ok()).isTrue();
    assertThat(OutputsParser.parse(large, null).outputs()).isEmpty();
    assertThat(OutputsParser.parse(null, Arrays.asList((String) null)).ok()).isTrue();
  }
}
