-- Proofs that were answered (gossip verdict, committed Kafka offset, admin reply) while their
-- beacon block was still unknown, kept until the block arrives so that a crash cannot lose them:
-- gossip has no redelivery. A row lives as long as its proof waits in the validator's memory
-- (the same count and byte limits, the same maximum age) and is restored into it at start-up.

CREATE TABLE parked_proof (
    id              BIGSERIAL   PRIMARY KEY,
    block_hash      BYTEA       NOT NULL CHECK (octet_length(block_hash) = 32),
    subnet_id       SMALLINT    NOT NULL CHECK (subnet_id >= 0 AND subnet_id < 64),
    version         BIGINT      NOT NULL CHECK (version >= 0 AND version <= 4294967295),
    proof_timestamp BIGINT      NOT NULL,
    proof_data      BYTEA       NOT NULL,
    proof_size      INTEGER     NOT NULL CHECK (proof_size = octet_length(proof_data)),
    source_kind     TEXT        NOT NULL,
    source_id       TEXT        NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX parked_proof_received_at ON parked_proof (received_at);

-- Proof bytes do not compress (they are mostly hashes and field elements): skip the attempt.
ALTER TABLE parked_proof ALTER COLUMN proof_data SET STORAGE EXTERNAL;
