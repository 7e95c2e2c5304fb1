package io.zkstateless.prover.proving.zkboost;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.electra.ElectraSchemas;
import io.zkstateless.common.test.zkboost.FakeZkboostServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake speaks zkboost's contract (B.13): status codes, bodies and stream framing. */
class FakeZkboostContractTest {

  private FakeZkboostServer zkboost;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    zkboost = ZkboostFixtures.server(1);
  }

  @AfterEach
  void stop() {
    zkboost.close();
    http.close();
  }

  @Test
  void requestsAreDecodedAndBadOnesRefused() throws Exception {
    final byte[] ssz = ElectraSchemas.MAINNET.encode(ZkboostFixtures.request(3));

    final HttpResponse<String> ok = post("/v1/execution_proof_requests?proof_types=reth-sp1", ssz);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body())
        .isEqualTo("{\"new_payload_request_root\":\"" + ZkboostFixtures.root(3) + "\"}");

    final HttpResponse<String> truncated =
        post("/v1/execution_proof_requests?proof_types=reth-sp1", Arrays.copyOf(ssz, 40));
    assertThat(truncated.statusCode()).isEqualTo(400);
    assertThat(truncated.body()).contains("\"code\":400").contains("SSZ");

    assertThat(post("/v1/execution_proof_requests?proof_types=", ssz).statusCode()).isEqualTo(400);
    assertThat(post("/v1/execution_proof_requests?proof_types=reth-openvm", ssz).statusCode())
        .isEqualTo(400);
    assertThat(post("/v1/execution_proof_verifications?new_payload_request_root="
            + ZkboostFixtures.root(3) + "&proof_type=reth-openvm", new byte[] {1}).statusCode())
        .isEqualTo(404);
  }

  @Test
  void streamReplaysCachedCompletionsAndProofsAreEvicted() throws Exception {
    final String root = ZkboostFixtures.root(4);
    zkboost.complete(root, ZkboostFixtures.TYPE, new byte[] {1});

    final HttpResponse<InputStream> stream =
        http.send(
            HttpRequest.newBuilder(uri("/v1/execution_proof_requests?new_payload_request_root=" + root))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    try (InputStream in = stream.body()) {
      final String first = readUntil(in, "\n\n");
      assertThat(first)
          .isEqualTo("event: proof_complete\ndata: {\"new_payload_request_root\":\"" + root
              + "\",\"proof_type\":\"reth-sp1\"}\n\n");
      assertThat(readUntil(in, "\n\n")).isEqualTo(": keep-alive\n\n");
    }

    final String proofPath = "/v1/execution_proofs/" + root + "/reth-sp1";
    assertThat(get(proofPath).statusCode()).isEqualTo(200);
    zkboost.complete(ZkboostFixtures.root(5), ZkboostFixtures.TYPE, new byte[] {2});
    assertThat(get(proofPath).statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> post(final String path, final byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(final String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(final String path) {
    return zkboost.url().resolve(path);
  }

  private static String readUntil(final InputStream in, final String end) throws Exception {
    final StringBuilder text = new StringBuilder();
    while (!text.toString().endsWith(end)) {
      final int b = in.read();
      if (b < 0) {
        break;
      }
      text.append((char) b);
    }
    return text.toString();
  }
}
