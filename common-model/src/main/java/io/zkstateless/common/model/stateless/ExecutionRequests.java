package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import java.util.List;

/**
 * The requests a payload triggers (EIP-7685), one typed list per request kind. The consensus layer
 * supplies them with the payload ({@code engine_newPayload}'s {@code executionRequests}); they are
 * not recoverable from the block RLP, only their hash is ({@code requests_hash}). The builder lists
 * are Gloas additions (execution-specs {@code execution_engine/requests.py}).
 */
public record ExecutionRequests(
    List<Deposit> deposits,
    List<WithdrawalRequest> withdrawals,
    List<Consolidation> consolidations,
    List<BuilderDeposit> builderDeposits,
    List<BuilderExit> builderExits) {

  public static final ExecutionRequests EMPTY =
      new ExecutionRequests(List.of(), List.of(), List.of(), List.of(), List.of());

  static final int PUBKEY_SIZE = 48;
  static final int SIGNATURE_SIZE = 96;
  static final int ADDRESS_SIZE = 20;

  public ExecutionRequests {
    deposits = List.copyOf(deposits);
    withdrawals = List.copyOf(withdrawals);
    consolidations = List.copyOf(consolidations);
    builderDeposits = List.copyOf(builderDeposits);
    builderExits = List.copyOf(builderExits);
  }

  public boolean isEmpty() {
    return deposits.isEmpty()
        && withdrawals.isEmpty()
        && consolidations.isEmpty()
        && builderDeposits.isEmpty()
        && builderExits.isEmpty();
  }

  /** EIP-6110 deposit request. */
  public record Deposit(
      ImmutableBytes pubkey,
      Bytes32 withdrawalCredentials,
      long amount,
      ImmutableBytes signature,
      long index) {
    public Deposit {
      Sizes.requireSize("deposit pubkey", pubkey, PUBKEY_SIZE);
      Sizes.requireSize("deposit signature", signature, SIGNATURE_SIZE);
    }
  }

  /** EIP-7002 withdrawal request. */
  public record WithdrawalRequest(
      ImmutableBytes sourceAddress, ImmutableBytes validatorPubkey, long amount) {
    public WithdrawalRequest {
      Sizes.requireSize("withdrawal request source_address", sourceAddress, ADDRESS_SIZE);
      Sizes.requireSize("withdrawal request validator_pubkey", validatorPubkey, PUBKEY_SIZE);
    }
  }

  /** EIP-7251 consolidation request. */
  public record Consolidation(
      ImmutableBytes sourceAddress, ImmutableBytes sourcePubkey, ImmutableBytes targetPubkey) {
    public Consolidation {
      Sizes.requireSize("consolidation source_address", sourceAddress, ADDRESS_SIZE);
      Sizes.requireSize("consolidation source_pubkey", sourcePubkey, PUBKEY_SIZE);
      Sizes.requireSize("consolidation target_pubkey", targetPubkey, PUBKEY_SIZE);
    }
  }

  /** Gloas builder deposit request. */
  public record BuilderDeposit(
      ImmutableBytes pubkey, Bytes32 withdrawalCredentials, long amount, ImmutableBytes signature) {
    public BuilderDeposit {
      Sizes.requireSize("builder deposit pubkey", pubkey, PUBKEY_SIZE);
      Sizes.requireSize("builder deposit signature", signature, SIGNATURE_SIZE);
    }
  }

  /** Gloas builder exit request. */
  public record BuilderExit(ImmutableBytes sourceAddress, ImmutableBytes pubkey) {
    public BuilderExit {
      Sizes.requireSize("builder exit source_address", sourceAddress, ADDRESS_SIZE);
      Sizes.requireSize("builder exit pubkey", pubkey, PUBKEY_SIZE);
    }
  }
}
