package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.witness.ExecutionWitness;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import java.util.List;
import java.util.Objects;

/**
 * Everything a zkVM guest needs to validate one block without state: the new-payload request, the
 * witness, the chain configuration and the transactions' recovered public keys (65-byte
 * uncompressed secp256k1, one per transaction, or none to let the guest recover them).
 */
public record StatelessInput(
    NewPayloadRequest newPayloadRequest,
    ExecutionWitness witness,
    ChainConfig chainConfig,
    List<ImmutableBytes> publicKeys) {

  public static final int PUBLIC_KEY_SIZE = 65;

  public StatelessInput {
    Objects.requireNonNull(newPayloadRequest, "newPayloadRequest");
    Objects.requireNonNull(witness, "witness");
    Objects.requireNonNull(chainConfig, "chainConfig");
    publicKeys = List.copyOf(publicKeys);
    for (final ImmutableBytes key : publicKeys) {
      Sizes.requireSize("public key", key, PUBLIC_KEY_SIZE);
    }
  }

  /** An input for a chain given by its id alone, as v0.3.3 and {@code 0x1501} inputs are. */
  public StatelessInput(
      final NewPayloadRequest newPayloadRequest,
      final ExecutionWitness witness,
      final long chainId,
      final List<ImmutableBytes> publicKeys) {
    this(newPayloadRequest, witness, ChainConfig.of(chainId), publicKeys);
  }

  public long chainId() {
    return chainConfig.chainId();
  }
}
