package io.zkstateless.common.model.kafka;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The typed headers of an {@code execution-proofs} record: what the SSZ value does not say but
 * consumers route and dedupe on. All values are UTF-8 text (decimal numbers, 0x-hex root) so that
 * operators can read them with any Kafka tool.
 *
 * @param proofType proof type name, e.g. {@code sp1}
 * @param blockNumber execution block number
 * @param slot beacon slot of the block
 * @param beaconBlockRoot beacon block root of the block
 * @param proverId identifies the prover instance that made the proof
 */
public record ProofRecordHeaders(
    String proofType, long blockNumber, long slot, Bytes32 beaconBlockRoot, String proverId) {

  public static final String PROOF_TYPE = "zk-proof-type";
  public static final String BLOCK_NUMBER = "zk-block-number";
  public static final String SLOT = "zk-slot";
  public static final String BEACON_BLOCK_ROOT = "zk-beacon-block-root";
  public static final String PROVER_ID = "zk-prover-id";

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,19}");
  private static final Pattern ROOT = Pattern.compile("0x[0-9a-f]{64}");

  public ProofRecordHeaders {
    checkToken(PROOF_TYPE, proofType);
    checkToken(PROVER_ID, proverId);
    if (blockNumber < 0) {
      throw new IllegalArgumentException("block number must not be negative: " + blockNumber);
    }
    if (slot < 0) {
      throw new IllegalArgumentException("slot must not be negative: " + slot);
    }
    if (beaconBlockRoot == null) {
      throw new IllegalArgumentException("beacon block root is required");
    }
  }

  /** Adds the five headers, replacing any earlier values of the same names. */
  public void writeTo(final Headers headers) {
    put(headers, PROOF_TYPE, proofType);
    put(headers, BLOCK_NUMBER, Long.toString(blockNumber));
    put(headers, SLOT, Long.toString(slot));
    put(headers, BEACON_BLOCK_ROOT, beaconBlockRoot.toHexString());
    put(headers, PROVER_ID, proverId);
  }

  /**
   * Reads and validates the five headers.
   *
   * @throws ProofRecordHeaderException naming the first missing, repeated or malformed header
   */
  public static ProofRecordHeaders readFrom(final Headers headers) {
    final String proofType = token(headers, PROOF_TYPE);
    final long blockNumber = number(headers, BLOCK_NUMBER);
    final long slot = number(headers, SLOT);
    final String root = text(headers, BEACON_BLOCK_ROOT);
    if (!ROOT.matcher(root).matches()) {
      throw new ProofRecordHeaderException(
          BEACON_BLOCK_ROOT, "expected 0x and 64 lower-case hex digits, got '" + root + "'");
    }
    return new ProofRecordHeaders(
        proofType, blockNumber, slot, Bytes32.wrap(Hex.decode(root)), token(headers, PROVER_ID));
  }

  private static void put(final Headers headers, final String name, final String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(final Headers headers, final String name) {
    Header found = null;
    for (final Header header : headers.headers(name)) {
      if (found != null) {
        throw new ProofRecordHeaderException(name, "header appears more than once");
      }
      found = header;
    }
    if (found == null || found.value() == null) {
      throw new ProofRecordHeaderException(name, "header is missing");
    }
    if (found.value().length > 128) {
      throw new ProofRecordHeaderException(
          name, "value of " + found.value().length + " bytes is too long");
    }
    return new String(found.value(), StandardCharsets.UTF_8);
  }

  private static String token(final Headers headers, final String name) {
    final String value = text(headers, name);
    if (!TOKEN.matcher(value).matches()) {
      throw new ProofRecordHeaderException(name, "malformed value '" + value + "'");
    }
    return value;
  }

  private static long number(final Headers headers, final String name) {
    final String value = text(headers, name);
    if (!DECIMAL.matcher(value).matches()) {
      throw new ProofRecordHeaderException(name, "expected a decimal number, got '" + value + "'");
    }
    try {
      return Long.parseLong(value);
    } catch (final NumberFormatException e) {
      throw new ProofRecordHeaderException(name, "number out of range: " + value);
    }
  }

  private static void checkToken(final String name, final String value) {
    if (value == null || !TOKEN.matcher(value).matches()) {
      throw new IllegalArgumentException(name + " must match " + TOKEN + ": '" + value + "'");
    }
  }
}
