package io.flowline.engine;

import java.util.Map;

/**
 * The kubelet's {@code $(VAR)} expansion of command, args and env values (Kubernetes'
 * third_party/forked/golang/expansion), so tests can check what a container really sees: {@code $$} becomes
 * {@code $}, {@code $(NAME)} of a defined variable becomes its value, anything else stays as written.
 */
public final class KubeletExpansion {
  private KubeletExpansion() {
  }

  public static String expand(String input, Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    int checkpoint = 0;
    for (int cursor = 0; cursor < input.length(); cursor++) {
      if (input.charAt(cursor) == '$' && cursor + 1 < input.length()) {
        out.append(input, checkpoint, cursor);
        char next = input.charAt(cursor + 1);
        int advance = 1;
        if (next == '$') {
          out.append('$');
        } else if (next == '(') {
          int close = input.indexOf(')', cursor + 2);
          if (close < 0) {
            out.append("$(");
          } else {
            String name = input.substring(cursor + 2, close);
            out.append(env.containsKey(name) ? env.get(name) : "$(" + name + ")");
            advance = close - cursor;
          }
        } else {
          out.append('$').append(next);
        }
        cursor += advance;
        checkpoint = cursor + 1;
      }
    }
    return out.append(input.substring(Math.min(checkpoint, input.length()))).toString();
  }
}
