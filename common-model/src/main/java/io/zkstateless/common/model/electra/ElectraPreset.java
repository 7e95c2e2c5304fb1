package io.zkstateless.common.model.electra;

/**
 * The consensus-specs preset values that bound the Electra/Fulu payload and request lists. They are
 * part of the SSZ type (a list's limit sets its tree depth), so they change the root. {@link
 * #MAINNET} is what every public network and zkboost use; {@link #MINIMAL} exists because many
 * published {@code ssz_static} vectors are minimal-preset.
 *
 * @param maxWithdrawalsPerPayload {@code MAX_WITHDRAWALS_PER_PAYLOAD}
 * @param maxBlobCommitmentsPerBlock {@code MAX_BLOB_COMMITMENTS_PER_BLOCK}, the {@code
 *     versioned_hashes} limit
 * @param maxDepositRequestsPerPayload {@code MAX_DEPOSIT_REQUESTS_PER_PAYLOAD}
 * @param maxWithdrawalRequestsPerPayload {@code MAX_WITHDRAWAL_REQUESTS_PER_PAYLOAD}
 * @param maxConsolidationRequestsPerPayload {@code MAX_CONSOLIDATION_REQUESTS_PER_PAYLOAD}
 */
public record ElectraPreset(
    long maxWithdrawalsPerPayload,
    long maxBlobCommitmentsPerBlock,
    long maxDepositRequestsPerPayload,
    long maxWithdrawalRequestsPerPayload,
    long maxConsolidationRequestsPerPayload) {

  /** {@code MAX_BYTES_PER_TRANSACTION}: the same in every preset. */
  public static final long MAX_BYTES_PER_TRANSACTION = 1L << 30;

  /** {@code MAX_TRANSACTIONS_PER_PAYLOAD}: the same in every preset. */
  public static final long MAX_TRANSACTIONS_PER_PAYLOAD = 1L << 20;

  /** consensus-specs {@code presets/mainnet/{deneb,electra}.yaml}; Fulu keeps these values. */
  public static final ElectraPreset MAINNET = new ElectraPreset(16, 4096, 8192, 16, 2);

  /**
   * consensus-specs {@code presets/minimal}: withdrawals 4 and blob commitments 32 are customized;
   * the request limits are the mainnet ones (checked against the published minimal vectors).
   */
  public static final ElectraPreset MINIMAL = new ElectraPreset(4, 32, 8192, 16, 2);

  public ElectraPreset {
    if (maxWithdrawalsPerPayload < 0
        || maxBlobCommitmentsPerBlock < 0
        || maxDepositRequestsPerPayload < 0
        || maxWithdrawalRequestsPerPayload < 0
        || maxConsolidationRequestsPerPayload < 0) {
      throw new IllegalArgumentException("preset limits must not be negative");
    }
  }
}
