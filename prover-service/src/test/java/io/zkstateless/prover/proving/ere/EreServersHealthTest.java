package io.zkstateless.prover.proving.ere;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.prover.proving.ProvingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;

/** {@code ProgramVk} probes: which program a server serves, and the {@code ereServers} health. */
class EreServersHealthTest {

  private static final byte[] VK = "sp1-program-vk".getBytes(StandardCharsets.US_ASCII);
  private EreTestSupport env;

  @BeforeEach
  void start() {
    env = new EreTestSupport();
    env.ere.programVk(VK);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aServerServingTheExpectedProgramIsUsableAndHealthy() {
    final String sha = EreZkvmWorker.sha256(VK);
    final EreZkvmWorker worker = env.worker(env.config().programVkSha256("0x" + sha).build());

    final EreServerStatus status = worker.probe(Duration.ofSeconds(5)).join();
    final Health health = indicator(worker).health(true);

    assertThat(status.usable()).isTrue();
    assertThat(status.programVkSha256()).contains(sha);
    assertThat(health.getStatus().getCode()).isEqualTo("UP");
    @SuppressWarnings("unchecked")
    final Map<String, Object> detail = (Map<String, Object>) health.getDetails().get(worker.id());
    assertThat(detail)
        .containsEntry("programVkSha256", sha)
        .containsEntry("endpoint", env.ere.url().toString());
  }

  @Test
  void aServerServingAnotherProgramGetsNoJob() {
    final EreZkvmWorker worker = env.worker(env.config().programVkSha256("ab".repeat(32)).build());

    final EreServerStatus status = worker.probe(Duration.ofSeconds(5)).join();
    final ProvingException refused =
        EreZkvmWorkerTest.failure(
            worker.prove(
                EreTestSupport.request(EestElBlock.load("witness_codes_nested_calls", 0))));

    assertThat(status.reachable()).isTrue();
    assertThat(status.usable()).isFalse();
    assertThat(status.problem().orElseThrow()).contains("expected " + "ab".repeat(32));
    assertThat(refused.reason()).isEqualTo("ere_wrong_program");
    assertThat(refused.retryable()).as("another worker may serve it").isTrue();
    assertThat(env.ere.proveRequests()).isEmpty();
    assertThat(indicator(worker).health(true).getStatus().getCode()).isEqualTo("DOWN");
  }

  @Test
  void aDownOrFailingServerIsReportedDown() {
    env.ere.next(
        "ProgramVk",
        new FakeEreServer.ZkvmError("no program loaded"),
        new FakeEreServer.ZkvmError("no program loaded"));
    final EreZkvmWorker failing = env.worker();
    final URI dead = URI.create("http://127.0.0.1:1/");
    final EreZkvmWorker down = env.worker(new EreTestSupport.Config(List.of(dead)).build());

    final EreServerStatus failed = failing.probe(Duration.ofSeconds(5)).join();
    final EreServerStatus unreachable = down.probe(Duration.ofSeconds(5)).join();

    assertThat(failed.reachable()).isFalse();
    assertThat(failed.problem().orElseThrow()).contains("no program loaded");
    assertThat(unreachable.reachable()).isFalse();
    assertThat(unreachable.problem().orElseThrow()).contains("ProgramVk");
    assertThat(indicator(failing).health(true).getStatus().getCode()).isEqualTo("DOWN");
    // Once the server recovers, the next probe brings it back.
    assertThat(failing.probe(Duration.ofSeconds(5)).join().usable()).isTrue();
  }

  private static EreServersHealthIndicator indicator(final EreZkvmWorker worker) {
    return new EreServersHealthIndicator(List.of(worker), Duration.ofSeconds(5));
  }
}
