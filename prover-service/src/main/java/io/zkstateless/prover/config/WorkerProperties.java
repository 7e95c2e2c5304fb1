package io.zkstateless.prover.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One proof type's worker pool ({@code prover.workers.pools.<proof-type>.*}).
 *
 * @param kind which adapter proves: {@code mock}, {@code witness} (built in), {@code ere} (an
 *     ere-server over twirp) or {@code zkboost} (an external EIP-8025 proof node)
 * @param count workers in the pool; each runs at most one job at a time (a GPU each, in production)
 * @param mock settings of the {@code mock} adapter
 * @param witness settings of the {@code witness} adapter
 * @param ere settings of the {@code ere} adapter
 * @param zkboost settings of the {@code zkboost} adapter
 * @param breaker the circuit breaker wrapped around each worker
 */
public record WorkerProperties(
    @NotNull @DefaultValue("mock") Kind kind,
    @DefaultValue("1") @Min(1) @Max(256) int count,
    @Valid @NotNull @DefaultValue Mock mock,
    @Valid @NotNull @DefaultValue Witness witness,
    @Valid @NotNull @DefaultValue EreProperties ere,
    @Valid @NotNull @DefaultValue Zkboost zkboost,
    @Valid @NotNull @DefaultValue Breaker breaker) {

  /** The adapters. */
  public enum Kind {
    /** {@code MockProofScheme} proofs after a configured delay. */
    MOCK,
    /**
     * The block's execution witness, compressed, as the proof data (proof type {@code witness}).
     */
    WITNESS,
    /** An ere-server over twirp, proving the block's EIP-8025 stateless input. */
    ERE,
    /**
     * A zkboost proof node ({@code eth-act/zkboost} v0.7 REST API): needs the beacon block of each
     * job, so jobs from execution-client polling fail with {@code no_beacon_block}.
     */
    ZKBOOST
  }

  /** How the mock worker spends its time when proving. */
  public enum Timing {
    /** Always {@code proving-time}. */
    CONSTANT,
    /** Uniform between {@code proving-time} and {@code max-proving-time}. */
    RANDOM,
    /** {@code proving-time} plus {@code time-per-million-gas} per million gas used. */
    PER_GAS
  }

  /**
   * The mock adapter: {@code MockProofScheme} proofs after a configurable delay.
   *
   * @param timing how the proving time is chosen
   * @param provingTime the constant time, the random minimum or the per-gas base
   * @param maxProvingTime the random maximum
   * @param timePerMillionGas the per-gas slope
   * @param proofSize bytes per proof (the mock header is 53 bytes; the wire limit 4 MiB)
   * @param failureRate share of attempts that fail, 0 to 1
   * @param seed seed of the random choices, so a run can be repeated
   */
  public record Mock(
      @NotNull @DefaultValue("CONSTANT") Timing timing,
      @DurationMin(millis = 0) @DefaultValue("PT1S") Duration provingTime,
      @DurationMin(millis = 0) @DefaultValue("PT2S") Duration maxProvingTime,
      @DurationMin(millis = 0) @DefaultValue("PT0.1S") Duration timePerMillionGas,
      @Min(53) @Max(4 * 1024 * 1024) @DefaultValue("262144") int proofSize,
      @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.0") double failureRate,
      @DefaultValue("1") long seed) {

    public Mock {
      if (timing == Timing.RANDOM && maxProvingTime.compareTo(provingTime) < 0) {
        throw new IllegalArgumentException("mock max-proving-time is below proving-time");
      }
    }
  }

  /**
   * The witness adapter.
   *
   * @param maxUncompressedBytes largest witness layout built before compression; larger witnesses
   *     fail at once instead of allocating (compressed proofs must fit 4 MiB anyway)
   */
  public record Witness(
      @Min(1024) @Max(1 << 30) @DefaultValue("67108864") int maxUncompressedBytes) {}

  /**
   * The zkboost adapter: one zkboost endpoint and one of its proof types per pool.
   *
   * @param url zkboost base URL (default port 3000)
   * @param proofType zkboost's proof type name, e.g. {@code reth-sp1} (required for this kind)
   * @param requestTimeout timeout of one REST call (request, proof download, stream connect)
   * @param proofTimeout how long one attempt waits for {@code proof_complete}; the job timeout
   *     ({@code prover.jobs.job-timeout}) bounds it too
   * @param stallTimeout an event stream silent this long is reopened (zkboost sends a keep-alive
   *     comment every 15 s)
   * @param reconnectBackoff wait before reopening a dropped event stream
   * @param maxProofBytes largest proof accepted (the wire limit is 4 MiB)
   */
  public record Zkboost(
      @NotNull @DefaultValue("http://localhost:3000") URI url,
      @NotNull @DefaultValue("") String proofType,
      @DurationMin(millis = 1) @DefaultValue("PT10S") Duration requestTimeout,
      @DurationMin(millis = 1) @DefaultValue("PT5M") Duration proofTimeout,
      @DurationMin(millis = 1) @DefaultValue("PT45S") Duration stallTimeout,
      @DurationMin(millis = 1) @DefaultValue("PT1S") Duration reconnectBackoff,
      @Min(1) @Max(4 * 1024 * 1024) @DefaultValue("4194304") int maxProofBytes) {}

  /**
   * A worker's circuit breaker: after {@code failureThreshold} failed attempts in a row the worker
   * gets no job for {@code openDuration}, then one trial job decides whether it is back.
   *
   * @param failureThreshold consecutive failures that open the breaker
   * @param openDuration how long an open breaker keeps jobs away
   */
  public record Breaker(
      @DefaultValue("3") @Min(1) @Max(1000) int failureThreshold,
      @DurationMin(millis = 1) @DefaultValue("PT30S") Duration openDuration) {}
}
