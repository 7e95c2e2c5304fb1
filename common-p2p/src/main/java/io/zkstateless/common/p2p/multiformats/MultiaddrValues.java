package io.zkstateless.common.p2p.multiformats;

import io.zkstateless.common.p2p.crypto.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Text ↔ binary conversion of single multiaddr component values. Parsing is strict: one spelling
 * per value (no leading zeros, lower-case compressed IPv6 on output) so that text round-trips.
 */
final class MultiaddrValues {

  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,4}");
  private static final Pattern IP4_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
  private static final Pattern IP6_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");
  private static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9._-]{1,253}");

  private MultiaddrValues() {}

  /**
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  static byte[] toBytes(final MultiaddrProtocol protocol, final String text) {
    return switch (protocol) {
      case IP4 -> ip4(text);
      case IP6 -> ip6(text);
      case TCP, UDP -> port(text);
      case DNS, DNS4, DNS6 -> dns(text);
      case P2P -> PeerId.fromBase58(text).toBytes();
      case QUIC_V1 -> throw new IllegalArgumentException("quic-v1 takes no value");
    };
  }

  /**
   * @throws IllegalArgumentException if {@code value} is not a valid value of {@code protocol}
   */
  static String toText(final MultiaddrProtocol protocol, final byte[] value) {
    return switch (protocol) {
      case IP4 ->
          (value[0] & 0xFF)
              + "."
              + (value[1] & 0xFF)
              + "."
              + (value[2] & 0xFF)
              + "."
              + (value[3] & 0xFF);
      case IP6 -> ip6Text(value);
      case TCP, UDP -> Integer.toString((value[0] & 0xFF) << 8 | (value[1] & 0xFF));
      case DNS, DNS4, DNS6 -> {
        final String name = new String(value, StandardCharsets.US_ASCII);
        dns(name);
        yield name;
      }
      case P2P -> PeerId.fromBytes(value).toBase58();
      case QUIC_V1 -> "";
    };
  }

  private static byte[] ip4(final String text) {
    final String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("ip4 needs four dotted octets: " + text);
    }
    final byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!IP4_OCTET.matcher(parts[i]).matches() || Integer.parseInt(parts[i]) > 255) {
        throw new IllegalArgumentException("invalid ip4 octet '" + parts[i] + "' in " + text);
      }
      out[i] = (byte) Integer.parseInt(parts[i]);
    }
    return out;
  }

  private static byte[] port(final String text) {
    if (!DECIMAL.matcher(text).matches() || Integer.parseInt(text) > 65535) {
      throw new IllegalArgumentException("port must be a decimal in 0..65535: " + text);
    }
    final int port = Integer.parseInt(text);
    return new byte[] {(byte) (port >> 8), (byte) port};
  }

  private static byte[] dns(final String text) {
    if (!DNS_NAME.matcher(text).matches()) {
      throw new IllegalArgumentException("invalid DNS name: " + text);
    }
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] ip6(final String text) {
    final int gap = text.indexOf("::");
    if (gap != text.lastIndexOf("::")) {
      throw new IllegalArgumentException("ip6 has more than one '::': " + text);
    }
    final String[] head = gap < 0 ? groups(text) : groups(text.substring(0, gap));
    final String[] tail = gap < 0 ? new String[0] : groups(text.substring(gap + 2));
    final int total = head.length + tail.length;
    if ((gap < 0 && total != 8) || (gap >= 0 && total > 7)) {
      throw new IllegalArgumentException("ip6 needs 8 groups of up to 4 hex digits: " + text);
    }
    final byte[] out = new byte[16];
    fill(out, 0, head, text);
    fill(out, 16 - 2 * tail.length, tail, text);
    return out;
  }

  private static String[] groups(final String part) {
    return part.isEmpty() ? new String[0] : part.split(":", -1);
  }

  private static void fill(
      final byte[] out, final int start, final String[] groups, final String text) {
    for (int i = 0; i < groups.length; i++) {
      if (!IP6_GROUP.matcher(groups[i]).matches()) {
        throw new IllegalArgumentException("invalid ip6 group '" + groups[i] + "' in " + text);
      }
      final int value = Integer.parseInt(groups[i], 16);
      out[start + 2 * i] = (byte) (value >> 8);
      out[start + 2 * i + 1] = (byte) value;
    }
  }

  /** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as ::. */
  private static String ip6Text(final byte[] value) {
    final int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = (value[2 * i] & 0xFF) << 8 | (value[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    final StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }
}
