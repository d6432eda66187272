package io.flowline.reconciler;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.PipelineRunSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of a run's spec without its control fields (state, retry, skipNodes), the only ones that act on a
 * started run. Kept in status when the run starts, it tells an ignored edit (a new param, another timeout) from a
 * control request, which must not be answered with "your change was ignored".
 */
final class ControlFreeSpec {
  private ControlFreeSpec() {
  }

  static String digest(PipelineRunSpec spec) {
    PipelineRunSpec rest = spec == null ? new PipelineRunSpec() : Serialization.clone(spec);
    rest.setState(null);
    rest.setRetry(null);
    rest.setSkipNodes(null);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(Serialization.asJson(rest).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
