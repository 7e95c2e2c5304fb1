package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.ImmutableBytes;

/**
 * An EIP-4895 withdrawal as the payload carries it. The integers are SSZ {@code uint64}, held in
 * {@code long} with unsigned meaning.
 */
public record Withdrawal(long index, long validatorIndex, ImmutableBytes address, long amount) {

  public static final int ADDRESS_SIZE = 20;

  public Withdrawal {
    Sizes.requireSize("withdrawal address", address, ADDRESS_SIZE);
  }
}
