package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.crypto.Hashes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The EIP-7685 {@code requests_hash} a header commits to: {@code sha256} over the {@code sha256}
 * of each non-empty {@code type || request_data}, in type order. Request data is the
 * concatenation of the requests' SSZ encodings, which for these fixed-size containers equals the
 * execution layer's byte layout. Used to check that the requests supplied by the consensus side
 * belong to the block.
 */
public final class RequestsHash {

  static final int DEPOSIT_TYPE = 0x00;
  static final int WITHDRAWAL_TYPE = 0x01;
  static final int CONSOLIDATION_TYPE = 0x02;

  private RequestsHash() {}

  /**
   * Only the three Prague request types are known to the execution layer's hash; builder requests
   * are a consensus-layer addition and are not part of it.
   */
  public static Bytes32 of(final ExecutionRequests requests) {
    final List<byte[]> typed = new ArrayList<>();
    addIfPresent(typed, DEPOSIT_TYPE, depositData(requests));
    addIfPresent(typed, WITHDRAWAL_TYPE, withdrawalData(requests));
    addIfPresent(typed, CONSOLIDATION_TYPE, consolidationData(requests));
    final byte[][] hashes = new byte[typed.size()][];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = Hashes.sha256(typed.get(i)).toArray();
    }
    return Hashes.sha256(hashes);
  }

  /** {@code type || data} for each non-empty request type: the Engine API form. */
  public static List<byte[]> encodedRequests(final ExecutionRequests requests) {
    final List<byte[]> typed = new ArrayList<>();
    addIfPresent(typed, DEPOSIT_TYPE, depositData(requests));
    addIfPresent(typed, WITHDRAWAL_TYPE, withdrawalData(requests));
    addIfPresent(typed, CONSOLIDATION_TYPE, consolidationData(requests));
    return typed;
  }

  private static void addIfPresent(final List<byte[]> out, final int type, final byte[] data) {
    if (data.length > 0) {
      final byte[] entry = new byte[data.length + 1];
      entry[0] = (byte) type;
      System.arraycopy(data, 0, entry, 1, data.length);
      out.add(entry);
    }
  }

  private static byte[] depositData(final ExecutionRequests requests) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (final ExecutionRequests.Deposit d : requests.deposits()) {
      out.writeBytes(d.pubkey().toArray());
      out.writeBytes(d.withdrawalCredentials().toArray());
      out.writeBytes(uint64(d.amount()));
      out.writeBytes(d.signature().toArray());
      out.writeBytes(uint64(d.index()));
    }
    return out.toByteArray();
  }

  private static byte[] withdrawalData(final ExecutionRequests requests) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (final ExecutionRequests.WithdrawalRequest w : requests.withdrawals()) {
      out.writeBytes(w.sourceAddress().toArray());
      out.writeBytes(w.validatorPubkey().toArray());
      out.writeBytes(uint64(w.amount()));
    }
    return out.toByteArray();
  }

  private static byte[] consolidationData(final ExecutionRequests requests) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (final ExecutionRequests.Consolidation c : requests.consolidations()) {
      out.writeBytes(c.sourceAddress().toArray());
      out.writeBytes(c.sourcePubkey().toArray());
      out.writeBytes(c.targetPubkey().toArray());
    }
    return out.toByteArray();
  }

  private static byte[] uint64(final long value) {
    final byte[] out = new byte[Long.BYTES];
    for (int i = 0; i < Long.BYTES; i++) {
      out[i] = (byte) (value >>> (8 * i));
    }
    return out;
  }
}
