-- The EIP-7685 execution requests of the block, as the beacon block carried them: the SSZ of the
-- Electra/Fulu ExecutionRequests container (mainnet limits). The execution block holds only their
-- hash, so a stateless input cannot be built without them. NULL when unknown: jobs made from
-- execution-client polling, and rows written before this column existed.
ALTER TABLE prover.proof_job ADD COLUMN execution_requests BYTEA;
