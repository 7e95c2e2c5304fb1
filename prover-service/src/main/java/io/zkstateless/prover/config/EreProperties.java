package io.zkstateless.prover.config;

import io.zkstateless.common.model.stateless.StatelessSchemaRevision;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code ere} adapter ({@code prover.workers.pools.<type>.ere.*}): one worker per ere-server,
 * because an ere-server proves one input at a time and queues the rest (a semaphore in front of
 * {@code Prove}), so a second worker on the same server would only wait.
 *
 * @param endpoints base URLs of the ere-servers, one per worker ({@code count} must match)
 * @param schemaRevision the stateless-input layout the served guest reads (ere-guests v0.17.0:
 *     {@code AMSTERDAM_1501})
 * @param chainId the chain id put into the guest input; 0 means "ask the execution client's {@code
 *     debug_chainConfig}" once
 * @param connectTimeout TCP connect timeout to an ere-server
 * @param proveTimeout HTTP timeout of one {@code Prove} call (the job timeout bounds the attempt as
 *     a whole, including the execution-client fetches)
 * @param callTimeout HTTP timeout of {@code ProgramVk} and {@code Verify}
 * @param verifyAfterProve ask the same server to {@code Verify} each proof before publishing it
 * @param checkPublicValues decode the proof's public values and require the root of the request
 *     that was sent (a guest of another layout or a stale input fails the attempt)
 * @param programVkSha256 if set, the SHA-256 (hex) of the program vk each server must serve; a
 *     server that serves another program gets no job
 * @param maxInputBytes largest guest input sent (the witness dominates it)
 * @param maxResponseBytes largest twirp response body read (proof, public values and report)
 */
public record EreProperties(
    List<URI> endpoints,
    @NotNull @DefaultValue("AMSTERDAM_1501") StatelessSchemaRevision schemaRevision,
    @DefaultValue("0") @Min(0) long chainId,
    @DurationMin(millis = 1) @DefaultValue("PT5S") Duration connectTimeout,
    @DurationMin(millis = 1) @DefaultValue("PT5M") Duration proveTimeout,
    @DurationMin(millis = 1) @DefaultValue("PT1M") Duration callTimeout,
    @DefaultValue("false") boolean verifyAfterProve,
    @DefaultValue("true") boolean checkPublicValues,
    @Pattern(regexp = "(0x)?[0-9a-fA-F]{64}") String programVkSha256,
    @Min(1024) @Max(Integer.MAX_VALUE - 8) @DefaultValue("268435456") int maxInputBytes,
    @Min(1024) @Max(1 << 30) @DefaultValue("33554432") int maxResponseBytes) {

  public EreProperties {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }

  /** Defaults with these endpoints, for tests and the benchmark. */
  public static EreProperties of(final List<URI> endpoints) {
    return new EreProperties(
        endpoints,
        StatelessSchemaRevision.AMSTERDAM_1501,
        0,
        Duration.ofSeconds(5),
        Duration.ofMinutes(5),
        Duration.ofMinutes(1),
        false,
        true,
        null,
        256 << 20,
        32 << 20);
  }
}
