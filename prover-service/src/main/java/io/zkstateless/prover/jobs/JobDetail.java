package io.zkstateless.prover.jobs;

import java.time.Instant;

/**
 * A job with its timings, for operators.
 *
 * @param job the job
 * @param pinned whether an operator asked for it (kept through finalization and queue drops)
 * @param notBefore when a queued job may next be claimed (backoff)
 * @param startedAt when the latest attempt started, else null
 * @param provedAt when Kafka acknowledged its proof, else null
 * @param finishedAt when it reached proved, failed or dropped, else null
 * @param proveMillis how long the successful attempt took on its worker, else null
 */
public record JobDetail(
    ProofJob job,
    boolean pinned,
    Instant notBefore,
    Instant startedAt,
    Instant provedAt,
    Instant finishedAt,
    Long proveMillis) {}
