package io.zkstateless.prover.witness;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.prover.witness.web3j.DebugWitnessWeb3j;
import io.zkstateless.prover.witness.web3j.ExecutionWitnessResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import okhttp3.OkHttpClient;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.http.HttpService;
import tools.jackson.databind.JsonNode;

/**
 * What the prover asks of its execution client: a block's witness, header, raw RLP and the chain
 * config. Every call is bounded by a per-method timeout, the concurrency limit and the circuit
 * breaker ({@link ExecutionClientGuard}); block and witness fetches are retried while the client
 * says the block is not there yet ({@link RetryUntilReady}). Futures fail only with {@link
 * ExecutionClientException}, whose {@link FailureReason} becomes the job's failure reason.
 */
public final class ExecutionWitnessClient {

  private final ExecutionClientSettings settings;
  private final DebugWitnessWeb3j web3j;
  private final StreamingWitnessTransport witnessTransport;
  private final ExecutionClientGuard guard;
  private final RetryUntilReady retry;
  private final Clock clock;
  private final WitnessFetchMetrics metrics;

  ExecutionWitnessClient(
      final ExecutionClientSettings settings,
      final DebugWitnessWeb3j web3j,
      final StreamingWitnessTransport witnessTransport,
      final ExecutionClientGuard guard,
      final RetryUntilReady retry,
      final Clock clock,
      final WitnessFetchMetrics metrics) {
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.web3j = web3j;
    this.witnessTransport = witnessTransport;
    this.guard = guard;
    this.retry = retry;
  }

  /**
   * Wires the client: one OkHttp connection pool shared by web3j's {@link HttpService} (whose
   * client carries the block timeout) and the streaming witness transport (which sets the witness
   * timeout per call). OkHttp's read timeout is off because a client may think for many seconds
   * before the first byte of a witness; the call timeouts bound everything instead.
   */
  public static ExecutionWitnessClient create(
      final ExecutionClientSettings settings,
      final Clock clock,
      final RetryScheduler scheduler,
      final Executor executor) {
    return create(settings, clock, scheduler, executor, WitnessFetchMetrics.NOOP);
  }

  /** As {@link #create(ExecutionClientSettings, Clock, RetryScheduler, Executor)}, with meters. */
  public static ExecutionWitnessClient create(
      final ExecutionClientSettings settings,
      final Clock clock,
      final RetryScheduler scheduler,
      final Executor executor,
      final WitnessFetchMetrics metrics) {
    final OkHttpClient base =
        new OkHttpClient.Builder()
            .connectTimeout(settings.blockTimeout())
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO)
            .build();
    final OkHttpClient blockHttp =
        base.newBuilder()
            .callTimeout(settings.blockTimeout())
            .addInterceptor(new ResponseSizeLimit(ResponseSizeLimit.DEFAULT_MAX_BYTES))
            .build();
    final DebugWitnessWeb3j web3j =
        DebugWitnessWeb3j.build(new HttpService(settings.url(), blockHttp));
    final StreamingWitnessTransport transport =
        new StreamingWitnessTransport(base, settings.url(), settings.limits());
    final ExecutionClientGuard guard =
        new ExecutionClientGuard(settings.maxConcurrency(), breaker(settings, clock), executor);
    final RetryUntilReady retry =
        new RetryUntilReady(
            clock,
            scheduler,
            settings.notReady(),
            settings.retryInterval(),
            settings.witnessReadyTimeout());
    return new ExecutionWitnessClient(settings, web3j, transport, guard, retry, clock, metrics);
  }

  static CircuitBreaker breaker(final ExecutionClientSettings settings, final Clock clock) {
    final ExecutionClientSettings.Breaker b = settings.breaker();
    return CircuitBreaker.of(
        "execution-client",
        CircuitBreakerConfig.custom()
            .failureRateThreshold(b.failureRatePercent())
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(b.slidingWindowCalls())
            .minimumNumberOfCalls(b.minimumCalls())
            .waitDurationInOpenState(b.openDuration())
            .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls())
            .recordException(ExecutionClientGuard::countsAgainstBreaker)
            .clock(clock)
            .build());
  }

  /** The witness of the block with this hash, retried until ready. */
  public CompletableFuture<ExecutionWitness> fetchWitness(final Bytes32 blockHash) {
    final String hash = blockHash.toHexString();
    final String method = settings.witnessMethod().rpcName();
    final Instant start = clock.instant();
    return retry
        .run(
            "witness of block " + hash,
            () ->
                guard.call(
                    method,
                    settings.witnessTimeout(),
                    () -> witnessTransport.send(witnessRequest(hash), settings.witnessTimeout())))
        .whenComplete((witness, failure) -> record(start, witness, failure));
  }

  /** The block (transaction hashes only) with this hash, retried until the client has it. */
  public CompletableFuture<EthBlock.Block> fetchBlock(final Bytes32 blockHash) {
    final String hash = blockHash.toHexString();
    return retry.run(
        "block " + hash,
        () ->
            guard.call(
                "eth_getBlockByHash",
                settings.blockTimeout(),
                () -> Web3jCalls.send(web3j.ethGetBlockByHash(hash, false))));
  }

  /**
   * The header of the block with this hash, asked once (an operator's request: "not there" is the
   * answer, not a reason to wait); fails with {@code NOT_FOUND} if the client does not know it.
   */
  public CompletableFuture<ExecutionBlockHeader> fetchHeader(final Bytes32 blockHash) {
    return guard.call(
        "eth_getBlockByHash",
        settings.blockTimeout(),
        () ->
            ExecutionBlockHeader.fromJson(
                "eth_getBlockByHash",
                Web3jCalls.send(web3j.blockHeaderByHash(blockHash.toHexString()))));
  }

  /** As {@link #fetchHeader(Bytes32)}, for the canonical block at this number. */
  public CompletableFuture<ExecutionBlockHeader> fetchHeader(final long blockNumber) {
    return guard.call(
        "eth_getBlockByNumber",
        settings.blockTimeout(),
        () ->
            ExecutionBlockHeader.fromJson(
                "eth_getBlockByNumber",
                Web3jCalls.send(web3j.blockHeaderByNumber("0x" + Long.toHexString(blockNumber)))));
  }

  /** The RLP of the whole block ({@code debug_getRawBlock}), retried until the client has it. */
  public CompletableFuture<byte[]> fetchRawBlock(final Bytes32 blockHash) {
    final String hash = blockHash.toHexString();
    return retry.run(
        "raw block " + hash,
        () ->
            guard.call(
                "debug_getRawBlock",
                settings.blockTimeout(),
                () -> decodeHex("debug_getRawBlock", Web3jCalls.send(web3j.debugGetRawBlock(hash)))));
  }

  /**
   * The block's EIP-7928 access list RLP ({@code debug_getRawBlockAccessList}), asked once: call it
   * after the block itself was found, so "not found" means the client does not keep the list
   * (pruned, pre-Amsterdam or not served), which waiting does not change.
   */
  public CompletableFuture<byte[]> fetchRawBlockAccessList(final Bytes32 blockHash) {
    final String hash = blockHash.toHexString();
    return guard.call(
        "debug_getRawBlockAccessList",
        settings.blockTimeout(),
        () ->
            decodeHex(
                "debug_getRawBlockAccessList",
                Web3jCalls.send(web3j.debugGetRawBlockAccessList(hash))));
  }

  /** The client's {@code debug_chainConfig}. */
  public CompletableFuture<JsonNode> fetchChainConfig() {
    return guard.call(
        "debug_chainConfig",
        settings.blockTimeout(),
        () -> Web3jCalls.send(web3j.debugChainConfig()));
  }

  /** Breaker state, for readiness and metrics. */
  public CircuitBreaker.State breakerState() {
    return guard.breakerState();
  }

  private void record(
      final Instant start, final ExecutionWitness witness, final Throwable failure) {
    final Duration took = Duration.between(start, clock.instant());
    if (witness != null) {
      metrics.succeeded(took, witness.totalBytes());
    } else if (failure instanceof ExecutionClientException client) {
      metrics.failed(took, client.reason());
    } else {
      metrics.failed(took, FailureReason.TRANSPORT_ERROR);
    }
  }

  private Request<?, ExecutionWitnessResponse> witnessRequest(final String hash) {
    return switch (settings.witnessMethod()) {
      case EXECUTION_WITNESS -> web3j.debugExecutionWitness(hash);
      case EXECUTION_WITNESS_BY_BLOCK_HASH -> web3j.debugExecutionWitnessByBlockHash(hash);
    };
  }

  private static byte[] decodeHex(final String method, final String hex) {
    try {
      return Hex.decode(hex);
    } catch (final IllegalArgumentException e) {
      throw new ExecutionClientException(
          FailureReason.MALFORMED_RESPONSE, method + " returned bad hex: " + e.getMessage(), e);
    }
  }
}
