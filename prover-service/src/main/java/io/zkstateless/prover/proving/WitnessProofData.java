package io.zkstateless.prover.proving;

import io.zkstateless.prover.witness.ExecutionWitness;
import io.zkstateless.prover.witness.WitnessEntries;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code proof_data} of the {@code witness} proof type (subnet 0): the block's execution
 * witness itself, so a stateless node can re-execute the block. Layout, before snappy block
 * compression:
 *
 * <pre>
 *   "ZKW1" ‖ section(state) ‖ section(codes) ‖ section(keys) ‖ section(headers)
 *   section = count (uint32 LE) ‖ count × (length (uint32 LE) ‖ bytes)
 * </pre>
 *
 * Entries keep the execution client's order; missing {@code keys} are an empty section. The size is
 * checked before anything is allocated.
 */
public final class WitnessProofData {

  public static final byte[] MAGIC = "ZKW1".getBytes(StandardCharsets.US_ASCII);

  private WitnessProofData() {}

  /** Encoded size of the uncompressed layout. */
  public static long encodedSize(final ExecutionWitness witness) {
    return MAGIC.length
        + sectionSize(witness.state())
        + sectionSize(witness.codes())
        + sectionSize(witness.keys().orElse(WitnessEntries.empty()))
        + sectionSize(witness.headers());
  }

  /**
   * @throws ProvingException ({@code witness_too_large}) if the layout exceeds {@code maxBytes}
   */
  public static byte[] encode(final ExecutionWitness witness, final int maxBytes) {
    final long size = encodedSize(witness);
    if (size > maxBytes) {
      throw new ProvingException(
          "witness_too_large",
          "witness layout of " + size + " bytes exceeds the limit of " + maxBytes);
    }
    final ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC);
    section(out, witness.state());
    section(out, witness.codes());
    section(out, witness.keys().orElse(WitnessEntries.empty()));
    section(out, witness.headers());
    return out.array();
  }

  private static long sectionSize(final WitnessEntries entries) {
    return 4L + 4L * entries.size() + entries.totalBytes();
  }

  private static void section(final ByteBuffer out, final WitnessEntries entries) {
    out.putInt(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      out.putInt(entries.length(i));
      out.put(entries.view(i));
    }
  }
}
