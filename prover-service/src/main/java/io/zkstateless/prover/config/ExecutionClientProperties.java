package io.zkstateless.prover.config;

import io.zkstateless.prover.witness.ExecutionClientSettings;
import io.zkstateless.prover.witness.NotReadyClassifier;
import io.zkstateless.prover.witness.WitnessLimits;
import io.zkstateless.prover.witness.WitnessMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code prover.execution-client.*}: how the prover talks to its execution client. Defaults follow
 * zkboost (retry every 200 ms for 12 s) and execution-specs' witness bounds; see {@link
 * ExecutionClientSettings} for the meaning of each value.
 */
@Validated
@ConfigurationProperties("prover.execution-client")
public record ExecutionClientProperties(
    @NotNull @DefaultValue("http://127.0.0.1:8545") URI url,
    @DurationMin(millis = 1) @DefaultValue("5s") Duration blockTimeout,
    @DurationMin(millis = 1) @DefaultValue("60s") Duration witnessTimeout,
    @DurationMin(millis = 1) @DefaultValue("12s") Duration witnessReadyTimeout,
    @DurationMin(millis = 1) @DefaultValue("200ms") Duration retryInterval,
    @Min(1) @Max(256) @DefaultValue("4") int maxConcurrency,
    @NotNull @DefaultValue("EXECUTION_WITNESS") WitnessMethod witnessMethod,
    @NotNull @DefaultValue({"-32001", "-39001"}) List<Integer> notReadyErrorCodes,
    @NotNull @DefaultValue({"not found", "unknown block", "not available yet"})
        List<String> notReadyMessages,
    @Valid @NotNull @DefaultValue Limits limits,
    @Valid @NotNull @DefaultValue CircuitBreaker circuitBreaker) {

  public ExecutionClientProperties {
    if (retryInterval != null
        && witnessReadyTimeout != null
        && retryInterval.compareTo(witnessReadyTimeout) > 0) {
      throw new IllegalArgumentException(
          "prover.execution-client.retry-interval ("
              + retryInterval
              + ") must not exceed witness-ready-timeout ("
              + witnessReadyTimeout
              + ")");
    }
  }

  /** The plain settings the witness client is built from. */
  public ExecutionClientSettings toSettings() {
    return new ExecutionClientSettings(
        url.toString(),
        blockTimeout,
        witnessTimeout,
        witnessReadyTimeout,
        retryInterval,
        maxConcurrency,
        witnessMethod,
        limits.toWitnessLimits(),
        circuitBreaker.toBreaker(),
        new NotReadyClassifier(new HashSet<>(notReadyErrorCodes), notReadyMessages));
  }

  /** {@code prover.execution-client.limits.*}: see {@link WitnessLimits}. */
  public record Limits(
      @NotNull @DefaultValue("512MB") DataSize maxTotalBytes,
      @Min(1) @DefaultValue("4194304") int maxStateNodes,
      @Min(1) @DefaultValue("262144") int maxCodes,
      @Min(1) @DefaultValue("4194304") int maxKeys,
      @Min(1) @Max(256) @DefaultValue("256") int maxHeaders,
      @NotNull @DefaultValue("1KB") DataSize maxNodeBytes,
      @NotNull @DefaultValue("64KB") DataSize maxCodeBytes,
      @NotNull @DefaultValue("8KB") DataSize maxHeaderBytes) {

    public Limits {
      if (maxTotalBytes != null
          && maxTotalBytes.toBytes() > WitnessLimits.MAX_SUPPORTED_TOTAL_BYTES) {
        throw new IllegalArgumentException(
            "prover.execution-client.limits.max-total-bytes must be at most 1GB, got "
                + maxTotalBytes);
      }
    }

    WitnessLimits toWitnessLimits() {
      return new WitnessLimits(
          maxTotalBytes.toBytes(),
          maxStateNodes,
          maxCodes,
          maxKeys,
          maxHeaders,
          Math.toIntExact(maxNodeBytes.toBytes()),
          Math.toIntExact(maxCodeBytes.toBytes()),
          Math.toIntExact(maxHeaderBytes.toBytes()));
    }
  }

  /**
   * {@code prover.execution-client.circuit-breaker.*}: see {@link ExecutionClientSettings.Breaker}.
   */
  public record CircuitBreaker(
      @DecimalMin("1") @DecimalMax("100") @DefaultValue("50") float failureRatePercent,
      @Min(1) @DefaultValue("20") int slidingWindowCalls,
      @Min(1) @DefaultValue("10") int minimumCalls,
      @DurationMin(millis = 1) @DefaultValue("30s") Duration openDuration,
      @Min(1) @DefaultValue("2") int halfOpenCalls) {

    ExecutionClientSettings.Breaker toBreaker() {
      return new ExecutionClientSettings.Breaker(
          failureRatePercent, slidingWindowCalls, minimumCalls, openDuration, halfOpenCalls);
    }
  }
}
