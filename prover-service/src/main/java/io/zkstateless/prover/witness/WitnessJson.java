package io.zkstateless.prover.witness;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/** The Jackson streaming factory for witness responses, with every token bounded. */
public final class WitnessJson {

  private WitnessJson() {}

  /**
   * A factory whose parsers refuse, while tokenising and before buffering, any string longer than
   * the largest allowed entry and any body longer than the total budget allows.
   */
  public static JsonFactory factory(final WitnessLimits limits) {
    return JsonFactory.builder()
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxStringLength(limits.maxJsonStringChars())
                .maxDocumentLength(limits.maxResponseChars())
                .maxNestingDepth(32)
                .maxNumberLength(100)
                .maxNameLength(256)
                .build())
        .build();
  }

  /** Offset of a location in the body: bytes for byte input, characters otherwise. */
  static long offset(final TokenStreamLocation location) {
    if (location == null) {
      return -1;
    }
    return location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
  }
}
