package io.zkstateless.common.model.witness;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.rlp.RlpDecodeException;
import io.zkstateless.common.model.rlp.RlpReader;
import io.zkstateless.common.model.rlp.RlpWriter;
import io.zkstateless.common.model.snappy.SnappyBlock;
import io.zkstateless.common.model.snappy.SnappyDecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code proof_data} of a {@code witness} proof (subnet 0), {@code version} 1.
 *
 * <pre>
 * proof_data = snappy_block( rlp( [ header, [state...], [codes...], [keys...], [headers...] ] ) )
 * </pre>
 *
 * <ul>
 *   <li>{@code snappy_block}: the snappy block format (as in eth2 gossip, not the framed stream),
 *       with its varint uncompressed length; that length may be at most {@link
 *       #MAX_UNCOMPRESSED_SIZE}.
 *   <li>{@code header}: the proven block's RLP header, as one RLP byte string (1 to {@link
 *       #MAX_HEADER_SIZE} bytes).
 *   <li>{@code state}, {@code codes}, {@code keys}, {@code headers}: the four arrays of {@code
 *       debug_executionWitness}, each element one RLP byte string holding the raw bytes that the
 *       JSON carries as hex. Order is kept as the execution client gave it. Limits: at most {@link
 *       #MAX_STATE_NODES} state nodes of 1 to {@link #MAX_STATE_NODE_SIZE} bytes, {@link
 *       #MAX_CODES} codes of 0 to {@link #MAX_CODE_SIZE} bytes, {@link #MAX_KEYS} keys of exactly
 *       20 (address) or 32 (storage slot) bytes, and {@link #MAX_HEADERS} headers of 1 to {@link
 *       #MAX_HEADER_SIZE} bytes. {@code keys} may be empty (geth and EEST do not fill it).
 * </ul>
 *
 * <p>Why this shape: every element is already bytes, RLP is what the header and trie nodes are
 * written in, and snappy is what the rest of the suite compresses with. RLP plus snappy of the
 * largest recorded mainnet witness (block 24628608, 6.5 MB of JSON hex, 3.27 MB of raw bytes) fits
 * the 4 MiB {@code proof_data} bound; a block whose compressed witness does not fit cannot have a
 * {@code witness} proof ({@link #encode} refuses it).
 *
 * <p>Decoding is strict and bounded: the declared uncompressed length is checked before the output
 * is allocated, each RLP item's length is checked against the input before it is copied (so an item
 * never allocates more than the input holds), and each list count is checked before its next
 * element is kept. Offsets in errors after decompression are offsets into the uncompressed RLP.
 */
public final class WitnessProofFormat {

  /** Bound on the decompressed RLP: eight times the 4 MiB {@code proof_data} limit. */
  public static final int MAX_UNCOMPRESSED_SIZE = 32 * 1024 * 1024;

  /** RLP headers are about 600 bytes; the room is for fields future forks add. */
  public static final int MAX_HEADER_SIZE = 2048;

  /** 256 ancestors for {@code BLOCKHASH}: from {@code number - 256} to the parent. */
  public static final int MAX_HEADERS = 256;

  /** The largest mainnet witness recorded has 5,347 nodes; 49x that leaves room for 60M gas. */
  public static final int MAX_STATE_NODES = 1 << 18;

  /** A full branch node is 532 bytes; no Ethereum trie node comes near 1 KiB. */
  public static final int MAX_STATE_NODE_SIZE = 1024;

  public static final int MAX_CODES = 1 << 14;

  /** 24 KiB today (EIP-170); 64 KiB leaves room for the proposed increases (EIP-7907). */
  public static final int MAX_CODE_SIZE = 64 * 1024;

  public static final int MAX_KEYS = 1 << 18;

  public static final int ADDRESS_KEY_SIZE = 20;
  public static final int SLOT_KEY_SIZE = 32;

  private WitnessProofFormat() {}

  /**
   * The {@code proof_data} for a witness proof.
   *
   * @throws IllegalArgumentException if the witness breaks a limit of the format or its compressed
   *     form exceeds {@link ExecutionProofSchema#MAX_PROOF_SIZE}
   */
  public static byte[] encode(final WitnessProof proof) {
    final ExecutionWitness witness = proof.witness();
    for (final ImmutableBytes key : witness.keys()) {
      if (key.size() != ADDRESS_KEY_SIZE && key.size() != SLOT_KEY_SIZE) {
        throw new IllegalArgumentException("key of " + key.size() + " bytes, not 20 or 32");
      }
    }
    final byte[] rlp =
        RlpWriter.encodeList(
            item(proof.blockHeader(), 1, MAX_HEADER_SIZE, "header"),
            list(witness.state(), MAX_STATE_NODES, 1, MAX_STATE_NODE_SIZE, "state"),
            list(witness.codes(), MAX_CODES, 0, MAX_CODE_SIZE, "codes"),
            list(witness.keys(), MAX_KEYS, ADDRESS_KEY_SIZE, SLOT_KEY_SIZE, "keys"),
            list(witness.headers(), MAX_HEADERS, 1, MAX_HEADER_SIZE, "headers"));
    if (rlp.length > MAX_UNCOMPRESSED_SIZE) {
      throw new IllegalArgumentException(
          "witness RLP of " + rlp.length + " bytes exceeds " + MAX_UNCOMPRESSED_SIZE);
    }
    final byte[] compressed = SnappyBlock.compress(rlp);
    if (compressed.length > ExecutionProofSchema.MAX_PROOF_SIZE) {
      throw new IllegalArgumentException(
          "compressed witness of "
              + compressed.length
              + " bytes exceeds the proof_data limit of "
              + ExecutionProofSchema.MAX_PROOF_SIZE);
    }
    return compressed;
  }

  /**
   * Decodes {@code proof_data}.
   *
   * @throws SnappyDecodeException if the snappy block is malformed or declares too much
   * @throws RlpDecodeException if the decompressed bytes are not canonical RLP
   * @throws WitnessProofDecodeException if the RLP is not the shape above or breaks a limit
   * @see DecodeException the common base of all three
   */
  public static WitnessProof decode(final byte[] proofData) {
    if (proofData.length > ExecutionProofSchema.MAX_PROOF_SIZE) {
      throw new WitnessProofDecodeException(
          0, "proof_data of " + proofData.length + " bytes exceeds the 4 MiB limit");
    }
    final byte[] rlp = SnappyBlock.decompress(proofData, MAX_UNCOMPRESSED_SIZE);
    final RlpReader top = RlpReader.of(rlp);
    final RlpReader fields = top.readList();
    top.finish();
    final ImmutableBytes header = readItem(fields, "header", 1, MAX_HEADER_SIZE);
    final List<ImmutableBytes> state =
        readList(fields, "state", MAX_STATE_NODES, 1, MAX_STATE_NODE_SIZE);
    final List<ImmutableBytes> codes = readList(fields, "codes", MAX_CODES, 0, MAX_CODE_SIZE);
    final List<ImmutableBytes> keys = readKeys(fields);
    final List<ImmutableBytes> headers =
        readList(fields, "headers", MAX_HEADERS, 1, MAX_HEADER_SIZE);
    if (fields.hasNext()) {
      throw new WitnessProofDecodeException(fields.position(), "unexpected field after headers");
    }
    return new WitnessProof(header, new ExecutionWitness(state, codes, keys, headers));
  }

  private static List<ImmutableBytes> readKeys(final RlpReader fields) {
    final int at = fields.position();
    final List<ImmutableBytes> keys =
        readList(fields, "keys", MAX_KEYS, ADDRESS_KEY_SIZE, SLOT_KEY_SIZE);
    for (int i = 0; i < keys.size(); i++) {
      final int size = keys.get(i).size();
      if (size != ADDRESS_KEY_SIZE && size != SLOT_KEY_SIZE) {
        throw new WitnessProofDecodeException(
            at, "keys[" + i + "] is " + size + " bytes, neither an address (20) nor a slot (32)");
      }
    }
    return keys;
  }

  private static List<ImmutableBytes> readList(
      final RlpReader fields,
      final String name,
      final int maxCount,
      final int minSize,
      final int maxSize) {
    requirePresent(fields, name);
    if (!fields.isList()) {
      throw new WitnessProofDecodeException(fields.position(), name + " is not a list");
    }
    final RlpReader elements = fields.readList();
    final List<ImmutableBytes> out = new ArrayList<>();
    while (elements.hasNext()) {
      if (out.size() == maxCount) {
        throw new WitnessProofDecodeException(
            elements.position(), name + " has more than " + maxCount + " elements");
      }
      out.add(readItem(elements, name + "[" + out.size() + "]", minSize, maxSize));
    }
    return out;
  }

  private static ImmutableBytes readItem(
      final RlpReader reader, final String name, final int minSize, final int maxSize) {
    requirePresent(reader, name);
    final int at = reader.position();
    if (reader.isList()) {
      throw new WitnessProofDecodeException(at, name + " is a list, expected a byte string");
    }
    final byte[] bytes = reader.readBytes();
    if (bytes.length < minSize || bytes.length > maxSize) {
      throw new WitnessProofDecodeException(
          at, name + " is " + bytes.length + " bytes, allowed " + minSize + " to " + maxSize);
    }
    return ImmutableBytes.of(bytes);
  }

  private static void requirePresent(final RlpReader reader, final String name) {
    if (!reader.hasNext()) {
      throw new WitnessProofDecodeException(reader.position(), "missing " + name);
    }
  }

  private static byte[] item(
      final ImmutableBytes value, final int minSize, final int maxSize, final String name) {
    if (value.size() < minSize || value.size() > maxSize) {
      throw new IllegalArgumentException(
          name + " is " + value.size() + " bytes, allowed " + minSize + " to " + maxSize);
    }
    return RlpWriter.encodeBytes(value.toArray());
  }

  private static byte[] list(
      final List<ImmutableBytes> values,
      final int maxCount,
      final int minSize,
      final int maxSize,
      final String name) {
    if (values.size() > maxCount) {
      throw new IllegalArgumentException(
          name + " has " + values.size() + " elements, limit " + maxCount);
    }
    final List<byte[]> encoded = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      encoded.add(item(values.get(i), minSize, maxSize, name + "[" + i + "]"));
    }
    return RlpWriter.encodeList(encoded);
  }
}
