package io.zkstateless.prover.proving;

import io.zkstateless.common.model.proof.ProofType;
import io.zkstateless.prover.jobs.BlockRef;

/**
 * What a worker is asked to prove: one block, one proof type.
 *
 * @param block the block
 * @param proofType the proof type (its id goes into the proof)
 * @param attempt 1 for the first attempt, 2 for the first retry, ...
 */
public record ProofRequest(BlockRef block, ProofType proofType, int attempt) {}
