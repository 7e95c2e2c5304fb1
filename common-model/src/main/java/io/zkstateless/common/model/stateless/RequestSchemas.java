package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.SszByteVectorSchema;
import io.zkstateless.common.model.ssz.SszBytes32Schema;
import io.zkstateless.common.model.ssz.SszContainerSchema;
import io.zkstateless.common.model.ssz.SszField;
import io.zkstateless.common.model.ssz.SszUintSchema;
import io.zkstateless.common.model.stateless.ExecutionRequests.BuilderDeposit;
import io.zkstateless.common.model.stateless.ExecutionRequests.BuilderExit;
import io.zkstateless.common.model.stateless.ExecutionRequests.Consolidation;
import io.zkstateless.common.model.stateless.ExecutionRequests.Deposit;
import io.zkstateless.common.model.stateless.ExecutionRequests.WithdrawalRequest;
import java.util.List;

/**
 * The fixed-size SSZ containers of execution-layer requests and withdrawals, shared by every schema
 * revision (execution-specs {@code stateless_ssz.py}: {@code SszDepositRequest} and friends) and by
 * the Electra/Fulu containers of {@code io.zkstateless.common.model.electra}. Their
 * encodings are also the EIP-7685 request data, so the same schemas serve both.
 */
public final class RequestSchemas {

  private static final SszByteVectorSchema ADDRESS = new SszByteVectorSchema(20);
  private static final SszByteVectorSchema PUBKEY = new SszByteVectorSchema(48);
  private static final SszByteVectorSchema SIGNATURE = new SszByteVectorSchema(96);

  private static final SszField<Withdrawal, Long> W_INDEX =
      SszField.of("index", SszUintSchema.UINT64, Withdrawal::index);
  private static final SszField<Withdrawal, Long> W_VALIDATOR_INDEX =
      SszField.of("validator_index", SszUintSchema.UINT64, Withdrawal::validatorIndex);
  private static final SszField<Withdrawal, ImmutableBytes> W_ADDRESS =
      SszField.of("address", ADDRESS, Withdrawal::address);
  private static final SszField<Withdrawal, Long> W_AMOUNT =
      SszField.of("amount", SszUintSchema.UINT64, Withdrawal::amount);

  public static final SszContainerSchema<Withdrawal> WITHDRAWAL =
      SszContainerSchema.of(
          "Withdrawal",
          List.of(W_INDEX, W_VALIDATOR_INDEX, W_ADDRESS, W_AMOUNT),
          v ->
              new Withdrawal(
                  v.get(W_INDEX), v.get(W_VALIDATOR_INDEX), v.get(W_ADDRESS), v.get(W_AMOUNT)));

  private static final SszField<Deposit, ImmutableBytes> D_PUBKEY =
      SszField.of("pubkey", PUBKEY, Deposit::pubkey);
  private static final SszField<Deposit, Bytes32> D_CREDENTIALS =
      SszField.of(
          "withdrawal_credentials", SszBytes32Schema.BYTES32, Deposit::withdrawalCredentials);
  private static final SszField<Deposit, Long> D_AMOUNT =
      SszField.of("amount", SszUintSchema.UINT64, Deposit::amount);
  private static final SszField<Deposit, ImmutableBytes> D_SIGNATURE =
      SszField.of("signature", SIGNATURE, Deposit::signature);
  private static final SszField<Deposit, Long> D_INDEX =
      SszField.of("index", SszUintSchema.UINT64, Deposit::index);

  public static final SszContainerSchema<Deposit> DEPOSIT =
      SszContainerSchema.of(
          "DepositRequest",
          List.of(D_PUBKEY, D_CREDENTIALS, D_AMOUNT, D_SIGNATURE, D_INDEX),
          v ->
              new Deposit(
                  v.get(D_PUBKEY),
                  v.get(D_CREDENTIALS),
                  v.get(D_AMOUNT),
                  v.get(D_SIGNATURE),
                  v.get(D_INDEX)));

  private static final SszField<WithdrawalRequest, ImmutableBytes> WR_SOURCE =
      SszField.of("source_address", ADDRESS, WithdrawalRequest::sourceAddress);
  private static final SszField<WithdrawalRequest, ImmutableBytes> WR_PUBKEY =
      SszField.of("validator_pubkey", PUBKEY, WithdrawalRequest::validatorPubkey);
  private static final SszField<WithdrawalRequest, Long> WR_AMOUNT =
      SszField.of("amount", SszUintSchema.UINT64, WithdrawalRequest::amount);

  public static final SszContainerSchema<WithdrawalRequest> WITHDRAWAL_REQUEST =
      SszContainerSchema.of(
          "WithdrawalRequest",
          List.of(WR_SOURCE, WR_PUBKEY, WR_AMOUNT),
          v -> new WithdrawalRequest(v.get(WR_SOURCE), v.get(WR_PUBKEY), v.get(WR_AMOUNT)));

  private static final SszField<Consolidation, ImmutableBytes> C_SOURCE =
      SszField.of("source_address", ADDRESS, Consolidation::sourceAddress);
  private static final SszField<Consolidation, ImmutableBytes> C_SOURCE_PUBKEY =
      SszField.of("source_pubkey", PUBKEY, Consolidation::sourcePubkey);
  private static final SszField<Consolidation, ImmutableBytes> C_TARGET_PUBKEY =
      SszField.of("target_pubkey", PUBKEY, Consolidation::targetPubkey);

  public static final SszContainerSchema<Consolidation> CONSOLIDATION =
      SszContainerSchema.of(
          "ConsolidationRequest",
          List.of(C_SOURCE, C_SOURCE_PUBKEY, C_TARGET_PUBKEY),
          v -> new Consolidation(v.get(C_SOURCE), v.get(C_SOURCE_PUBKEY), v.get(C_TARGET_PUBKEY)));

  private static final SszField<BuilderDeposit, ImmutableBytes> BD_PUBKEY =
      SszField.of("pubkey", PUBKEY, BuilderDeposit::pubkey);
  private static final SszField<BuilderDeposit, Bytes32> BD_CREDENTIALS =
      SszField.of(
          "withdrawal_credentials",
          SszBytes32Schema.BYTES32,
          BuilderDeposit::withdrawalCredentials);
  private static final SszField<BuilderDeposit, Long> BD_AMOUNT =
      SszField.of("amount", SszUintSchema.UINT64, BuilderDeposit::amount);
  private static final SszField<BuilderDeposit, ImmutableBytes> BD_SIGNATURE =
      SszField.of("signature", SIGNATURE, BuilderDeposit::signature);

  public static final SszContainerSchema<BuilderDeposit> BUILDER_DEPOSIT =
      SszContainerSchema.of(
          "BuilderDepositRequest",
          List.of(BD_PUBKEY, BD_CREDENTIALS, BD_AMOUNT, BD_SIGNATURE),
          v ->
              new BuilderDeposit(
                  v.get(BD_PUBKEY), v.get(BD_CREDENTIALS), v.get(BD_AMOUNT), v.get(BD_SIGNATURE)));

  private static final SszField<BuilderExit, ImmutableBytes> BE_SOURCE =
      SszField.of("source_address", ADDRESS, BuilderExit::sourceAddress);
  private static final SszField<BuilderExit, ImmutableBytes> BE_PUBKEY =
      SszField.of("pubkey", PUBKEY, BuilderExit::pubkey);

  public static final SszContainerSchema<BuilderExit> BUILDER_EXIT =
      SszContainerSchema.of(
          "BuilderExitRequest",
          List.of(BE_SOURCE, BE_PUBKEY),
          v -> new BuilderExit(v.get(BE_SOURCE), v.get(BE_PUBKEY)));

  private RequestSchemas() {}
}
