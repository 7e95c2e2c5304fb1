package io.zkstateless.common.model.proof.mock;

import io.zkstateless.common.model.bytes.Bytes32;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The deterministic "proof" the prover's mock worker makes and the validator's mock verifier
 * checks. <b>Insecure by design</b>: anyone can compute it for any block, so it proves nothing. It
 * exists so that devnets and load tests move real-sized bytes through the real pipeline and spend
 * real CPU verifying them.
 *
 * <p>Layout: {@code "ZKSTATELESS-MOCK"} (16 bytes) ‖ block hash (32) ‖ proof type (1) ‖ total size
 * (4, big-endian) ‖ filler, where the filler is SHA-256(block hash ‖ proof type ‖ counter) blocks
 * concatenated and cut to size.
 */
public final class MockProofScheme {

  public static final int HEADER_SIZE = 16 + 32 + 1 + 4;
  private static final byte[] MAGIC = "ZKSTATELESS-MOCK".getBytes(StandardCharsets.US_ASCII);

  private MockProofScheme() {}

  /** The mock proof of {@code size} bytes (at least {@link #HEADER_SIZE}) for a block and type. */
  public static byte[] create(final Bytes32 blockHash, final int proofType, final int size) {
    if (size < HEADER_SIZE) {
      throw new IllegalArgumentException("Mock proofs are at least " + HEADER_SIZE + " bytes, asked " + size);
    }
    if (proofType < 0 || proofType > 255) {
      throw new IllegalArgumentException("Proof type out of range: " + proofType);
    }
    final byte[] proof = new byte[size];
    final ByteBuffer header = ByteBuffer.wrap(proof);
    header.put(MAGIC).put(blockHash.toArray()).put((byte) proofType).putInt(size);
    fill(blockHash, proofType, proof);
    return proof;
  }

  /** Empty when {@code proof} is the mock proof for the block and type; else why not. */
  public static Optional<String> check(final Bytes32 blockHash, final int proofType, final byte[] proof) {
    if (proof.length < HEADER_SIZE) {
      return Optional.of("shorter than the " + HEADER_SIZE + "-byte mock header");
    }
    if (!Arrays.equals(proof, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return Optional.of("not a mock proof (magic mismatch)");
    }
    if (!Arrays.equals(proof, 16, 48, blockHash.toArray(), 0, 32)) {
      return Optional.of("made for another block hash");
    }
    if ((proof[48] & 0xff) != proofType) {
      return Optional.of("made for proof type " + (proof[48] & 0xff) + ", not " + proofType);
    }
    if (ByteBuffer.wrap(proof, 49, 4).getInt() != proof.length) {
      return Optional.of("declared size differs from the actual size " + proof.length);
    }
    final byte[] expected = proof.clone();
    fill(blockHash, proofType, expected);
    return MessageDigest.isEqual(expected, proof) ? Optional.empty() : Optional.of("filler does not match");
  }

  private static void fill(final Bytes32 blockHash, final int proofType, final byte[] proof) {
    final MessageDigest sha256 = sha256();
    final byte[] seed = new byte[32 + 1 + 4];
    blockHash.copyTo(seed, 0);
    seed[32] = (byte) proofType;
    int counter = 0;
    for (int offset = HEADER_SIZE; offset < proof.length; offset += 32, counter++) {
      ByteBuffer.wrap(seed, 33, 4).putInt(counter);
      final byte[] block = sha256.digest(seed);
      System.arraycopy(block, 0, proof, offset, Math.min(32, proof.length - offset));
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
