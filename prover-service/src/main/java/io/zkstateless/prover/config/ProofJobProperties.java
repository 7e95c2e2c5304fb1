package io.zkstateless.prover.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How proof jobs are queued, leased, retried and given up ({@code prover.jobs.*}).
 *
 * @param proverId this replica's identity: the lease owner in the job table and the {@code
 *     zk-prover-id} Kafka header; must differ between replicas
 * @param queueCapacity queued jobs kept per proof type; beyond it the oldest blocks are dropped
 * @param maxBlockAge a job still queued this long after its block was seen is dropped: a late proof
 *     of an old block helps nobody and would delay the proofs of new ones
 * @param dropBehindFinalized also drop queued jobs of blocks at or below the finalized slot
 * @param jobTimeout longest a worker may take for one proof before the attempt counts as failed
 * @param maxAttempts attempts per job before it is marked failed
 * @param retryInitialBackoff wait before the second attempt; doubles per attempt
 * @param retryMaxBackoff the longest wait between attempts
 * @param publishTimeout longest wait for Kafka to acknowledge a proof
 * @param leaseDuration how long a claimed job belongs to this replica; must cover a whole attempt
 *     (timeout plus publishing) so that a live replica never loses a job it is still working on
 * @param retention finished jobs (proved, failed, dropped) older than this are deleted; keep it
 *     well above the watcher's backfill reach so that a restart never sees a finished block as new
 * @param pollInterval how often the dispatcher looks for work, drops stale jobs and refreshes
 *     gauges
 */
@Validated
@ConfigurationProperties("prover.jobs")
public record ProofJobProperties(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}") @DefaultValue("prover-1")
        String proverId,
    @DefaultValue("256") @Min(1) @Max(1_000_000) int queueCapacity,
    @DurationMin(seconds = 1) @DefaultValue("PT10M") Duration maxBlockAge,
    @DefaultValue("true") boolean dropBehindFinalized,
    @DurationMin(millis = 10) @DefaultValue("PT5M") Duration jobTimeout,
    @DefaultValue("3") @Min(1) @Max(100) int maxAttempts,
    @DurationMin(millis = 1) @DefaultValue("PT1S") Duration retryInitialBackoff,
    @DurationMin(millis = 1) @DefaultValue("PT30S") Duration retryMaxBackoff,
    @DurationMin(millis = 10) @DefaultValue("PT30S") Duration publishTimeout,
    @DurationMin(millis = 100) @DefaultValue("PT6M") Duration leaseDuration,
    @DurationMin(millis = 10) @DefaultValue("PT0.25S") Duration pollInterval,
    @DurationMin(minutes = 1) @DefaultValue("P7D") Duration retention) {

  public ProofJobProperties {
    if (retryMaxBackoff != null
        && retryInitialBackoff != null
        && retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
      throw new IllegalArgumentException(
          "prover.jobs.retry-max-backoff is below prover.jobs.retry-initial-backoff");
    }
    if (leaseDuration != null
        && jobTimeout != null
        && publishTimeout != null
        && leaseDuration.compareTo(jobTimeout.plus(publishTimeout)) <= 0) {
      throw new IllegalArgumentException(
          "prover.jobs.lease-duration ("
              + leaseDuration
              + ") must exceed job-timeout + publish-timeout ("
              + jobTimeout.plus(publishTimeout)
              + "), or another replica could take over a job still being proved");
    }
  }

  /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed ones (1-based). */
  public Duration backoffAfter(final int attempt) {
    final int doublings = Math.min(Math.max(attempt - 1, 0), 30);
    final Duration backoff = retryInitialBackoff.multipliedBy(1L << doublings);
    return backoff.compareTo(retryMaxBackoff) > 0 ? retryMaxBackoff : backoff;
  }
}
