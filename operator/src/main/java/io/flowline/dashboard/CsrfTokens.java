package io.flowline.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens bound to the user the auth proxy names: an HMAC of the user under a key drawn at startup. A page
 * from another site cannot read the token, so it cannot make the browser of a signed-in user post an action. A
 * restart draws a new key: forms opened before it are refused and must be reloaded.
 */
public final class CsrfTokens {
  private static final String ALGORITHM = "HmacSHA256";
  private final byte[] key;

  public CsrfTokens() {
    this(randomKey());
  }

  CsrfTokens(byte[] key) {
    this.key = key.clone();
  }

  public String tokenFor(String user) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(user.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Compares in constant time, so timing tells nothing about the expected token. */
  public boolean valid(String user, String token) {
    return token != null && MessageDigest.isEqual(tokenFor(user).getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
