-- The optimistic view (every beacon block seen since the finalized checkpoint, all branches), the
-- verified proofs (one per execution block hash and proof type, canonical or not) and the
-- checkpoints the view restarts from. Proven status is derived: a block is proven when proofs of
-- at least zk.stateless-min-proofs-required distinct types exist for its execution block hash.

CREATE TABLE beacon_block (
    root                   BYTEA       PRIMARY KEY CHECK (octet_length(root) = 32),
    slot                   BIGINT      NOT NULL CHECK (slot >= 0),
    parent_root            BYTEA       NOT NULL CHECK (octet_length(parent_root) = 32),
    execution_block_hash   BYTEA       NOT NULL CHECK (octet_length(execution_block_hash) = 32),
    execution_block_number BIGINT      NOT NULL CHECK (execution_block_number >= 0),
    first_seen             TIMESTAMPTZ NOT NULL
);
CREATE INDEX beacon_block_slot ON beacon_block (slot);
CREATE INDEX beacon_block_execution_block_hash ON beacon_block (execution_block_hash);

CREATE TABLE execution_proof (
    id              BIGSERIAL   PRIMARY KEY,
    block_hash      BYTEA       NOT NULL CHECK (octet_length(block_hash) = 32),
    proof_type      SMALLINT    NOT NULL CHECK (proof_type >= 0 AND proof_type < 64),
    version         INTEGER     NOT NULL,
    proof_timestamp BIGINT      NOT NULL,
    proof_data      BYTEA       NOT NULL,
    source          TEXT        NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT execution_proof_once_per_type UNIQUE (block_hash, proof_type)
);

CREATE TABLE chain_checkpoint (
    name       TEXT        PRIMARY KEY CHECK (name IN ('finalized', 'head')),
    root       BYTEA       NOT NULL CHECK (octet_length(root) = 32),
    slot       BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
