package io.flowline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void everyCharacterThatCouldOpenATagOrLeaveAnAttributeIsEscaped() {
    assertThat(Html.escape("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(Html.escape("\"><img src=x onerror='alert(1)'>&"))
        .isEqualTo("&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;");
  }

  @Test
  void plainTextAndNullPassUnchanged() {
    assertThat(Html.escape("etl-2025-08-22")).isEqualTo("etl-2025-08-22");
    assertThat(Html.escape(null)).isEmpty();
  }
}
