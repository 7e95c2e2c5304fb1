package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.SszDecodeException;
import io.zkstateless.common.model.ssz.SszInput;
import io.zkstateless.common.model.ssz.SszProgressiveListSchema;
import io.zkstateless.common.model.ssz.SszSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The Engine API form of execution requests (EIP-7685): one {@code type || request_data} entry per
 * non-empty request type, in ascending type order, where request data is the concatenation of the
 * requests' SSZ encodings. Only the three Prague types exist on the execution layer; the Gloas
 * builder requests have no EIP-7685 type and cannot be carried in this form.
 */
final class Eip7685Requests {

  static final int DEPOSIT_TYPE = 0x00;
  static final int WITHDRAWAL_TYPE = 0x01;
  static final int CONSOLIDATION_TYPE = 0x02;

  // Concatenated fixed-size containers encode exactly like a list of them; the input length
  // bounds the count, so no type limit is needed here.
  private static final SszProgressiveListSchema<ExecutionRequests.Deposit> DEPOSITS =
      new SszProgressiveListSchema<>(RequestSchemas.DEPOSIT);
  private static final SszProgressiveListSchema<ExecutionRequests.WithdrawalRequest> WITHDRAWALS =
      new SszProgressiveListSchema<>(RequestSchemas.WITHDRAWAL_REQUEST);
  private static final SszProgressiveListSchema<ExecutionRequests.Consolidation> CONSOLIDATIONS =
      new SszProgressiveListSchema<>(RequestSchemas.CONSOLIDATION);

  private Eip7685Requests() {}

  /**
   * @throws IllegalArgumentException if builder requests are present: they have no EIP-7685 form
   */
  static List<ImmutableBytes> encode(final ExecutionRequests requests) {
    if (!requests.builderDeposits().isEmpty() || !requests.builderExits().isEmpty()) {
      throw new IllegalArgumentException("builder requests have no EIP-7685 encoding");
    }
    final List<ImmutableBytes> entries = new ArrayList<>();
    addIfPresent(entries, DEPOSIT_TYPE, DEPOSITS, requests.deposits());
    addIfPresent(entries, WITHDRAWAL_TYPE, WITHDRAWALS, requests.withdrawals());
    addIfPresent(entries, CONSOLIDATION_TYPE, CONSOLIDATIONS, requests.consolidations());
    return entries;
  }

  /**
   * @throws IllegalArgumentException for an empty entry, an unknown or repeated type, types out of
   *     order, or request data that is not a whole number of requests
   */
  static ExecutionRequests decode(final List<ImmutableBytes> entries) {
    List<ExecutionRequests.Deposit> deposits = List.of();
    List<ExecutionRequests.WithdrawalRequest> withdrawals = List.of();
    List<ExecutionRequests.Consolidation> consolidations = List.of();
    int previousType = -1;
    for (int i = 0; i < entries.size(); i++) {
      final byte[] entry = entries.get(i).toArray();
      if (entry.length < 2) {
        throw new IllegalArgumentException("request entry " + i + " has no request data");
      }
      final int type = entry[0] & 0xff;
      if (type <= previousType) {
        throw new IllegalArgumentException("request types must ascend, got " + type + " at " + i);
      }
      previousType = type;
      final byte[] data = new byte[entry.length - 1];
      System.arraycopy(entry, 1, data, 0, data.length);
      switch (type) {
        case DEPOSIT_TYPE -> deposits = decodeData(DEPOSITS, data, i);
        case WITHDRAWAL_TYPE -> withdrawals = decodeData(WITHDRAWALS, data, i);
        case CONSOLIDATION_TYPE -> consolidations = decodeData(CONSOLIDATIONS, data, i);
        default -> throw new IllegalArgumentException("unknown request type " + type + " at " + i);
      }
    }
    return new ExecutionRequests(deposits, withdrawals, consolidations, List.of(), List.of());
  }

  private static <T> void addIfPresent(
      final List<ImmutableBytes> out,
      final int type,
      final SszSchema<List<T>> schema,
      final List<T> requests) {
    if (requests.isEmpty()) {
      return;
    }
    final byte[] data = schema.encode(requests);
    final byte[] entry = new byte[data.length + 1];
    entry[0] = (byte) type;
    System.arraycopy(data, 0, entry, 1, data.length);
    out.add(ImmutableBytes.of(entry));
  }

  private static <T> List<T> decodeData(
      final SszSchema<List<T>> schema, final byte[] data, final int entry) {
    try {
      return schema.decode(SszInput.of(data, "execution_requests[" + entry + "]"));
    } catch (final SszDecodeException e) {
      // Re-raised as a value rule so the enclosing schema reports it at the field's offset.
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
