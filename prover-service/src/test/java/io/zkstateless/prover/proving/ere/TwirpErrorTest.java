package io.zkstateless.prover.proving.ere;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Reading twirp error bodies, and what is left when a body is not one. */
class TwirpErrorTest {

  @Test
  void aTwirpErrorBodyKeepsCodeMessageAndMeta() {
    final TwirpError error =
        TwirpError.of(
            400,
            utf8(
                "{\"code\":\"invalid_argument\",\"msg\":\"bad"
                    + " stdin\",\"meta\":{\"field\":\"input_stdin\"}}"));

    assertThat(error.code()).isEqualTo("invalid_argument");
    assertThat(error.msg()).isEqualTo("bad stdin");
    assertThat(error.meta()).isEqualTo(Map.of("field", "input_stdin"));
    assertThat(error.httpStatus()).isEqualTo(400);
  }

  @Test
  void aCodeOutsideTheProtocolIsUnknownSoMetricLabelsStayBounded() {
    assertThat(TwirpError.of(500, utf8("{\"code\":\"gpu_on_fire\",\"msg\":\"x\"}")).code())
        .isEqualTo("unknown");
  }

  @Test
  void aNonTwirpBodyFallsBackToTwirpsStatusMapping() {
    assertThat(TwirpError.of(503, utf8("<html>bad gateway</html>")).code())
        .isEqualTo("unavailable");
    assertThat(TwirpError.of(404, new byte[0]).code()).isEqualTo("bad_route");
    assertThat(TwirpError.of(401, utf8("[]")).code()).isEqualTo("unauthenticated");
    assertThat(TwirpError.of(400, utf8("{}")).code()).isEqualTo("internal");
    assertThat(TwirpError.of(500, utf8("{\"code\":7}")).code()).isEqualTo("unknown");
  }

  @Test
  void aHugeMessageIsCut() {
    final String msg = "x".repeat(10_000);
    final TwirpError error =
        TwirpError.of(500, utf8("{\"code\":\"internal\",\"msg\":\"" + msg + "\"}"));
    assertThat(error.msg()).hasSizeLessThanOrEqualTo(TwirpError.MAX_MESSAGE_CHARS + 1);
  }

  @Property(tries = 300)
  void anyBodyGivesAProtocolCode(@ForAll final byte[] body, @ForAll final int status) {
    assertThat(TwirpError.CODES).contains(TwirpError.of(status, body).code());
  }

  private static byte[] utf8(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
