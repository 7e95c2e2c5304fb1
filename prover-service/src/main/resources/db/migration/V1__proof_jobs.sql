-- The prover's durable job table. One row per (execution block, proof type): the unique key is what
-- makes watching, admin requests and restarts idempotent. See ProofJobStore for the state machine.
CREATE TABLE prover.proof_job (
  block_hash         BYTEA       NOT NULL CHECK (octet_length(block_hash) = 32),
  proof_type         VARCHAR(32) NOT NULL,
  block_number       BIGINT      NOT NULL CHECK (block_number >= 0),
  slot               BIGINT      NOT NULL CHECK (slot >= 0),
  beacon_block_root  BYTEA       NOT NULL CHECK (octet_length(beacon_block_root) = 32),
  gas_used           BIGINT      NOT NULL DEFAULT 0,
  state              VARCHAR(16) NOT NULL
    CHECK (state IN ('queued', 'proving', 'publishing', 'proved', 'failed', 'dropped')),
  attempts           INTEGER     NOT NULL DEFAULT 0,
  -- Asked for by an operator: kept through finalization and queue-bound drops.
  pinned             BOOLEAN     NOT NULL DEFAULT false,
  queued_at          TIMESTAMPTZ NOT NULL,
  not_before         TIMESTAMPTZ NOT NULL,
  started_at         TIMESTAMPTZ,
  proved_at          TIMESTAMPTZ,
  finished_at        TIMESTAMPTZ,
  prove_millis       BIGINT,
  last_error         VARCHAR(512),
  lease_owner        VARCHAR(64),
  lease_until        TIMESTAMPTZ,
  -- The SSZ ExecutionProof exactly as sent: kept from proving until Kafka acknowledges it, so a
  -- replica that takes over re-sends the same bytes instead of proving again.
  proof_record       BYTEA,
  PRIMARY KEY (block_hash, proof_type)
);

-- Claiming scans only runnable rows, newest block first.
CREATE INDEX proof_job_runnable ON prover.proof_job (proof_type, block_number DESC)
  WHERE state IN ('queued', 'proving', 'publishing');
CREATE INDEX proof_job_beacon_root ON prover.proof_job (beacon_block_root);
CREATE INDEX proof_job_block_number ON prover.proof_job (block_number);
-- Retention deletes finished jobs by age.
CREATE INDEX proof_job_finished ON prover.proof_job (finished_at) WHERE finished_at IS NOT NULL;
