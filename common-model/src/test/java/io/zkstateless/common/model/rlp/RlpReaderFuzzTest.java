package io.zkstateless.common.model.rlp;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile RLP through the cursor API: only {@link RlpDecodeException} may escape. A class of its
 * own because Jazzer fuzzes one {@code @FuzzTest} per JVM.
 */
class RlpReaderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void readScalarsAndLists(final byte[] input) {
    try {
      final RlpReader reader = RlpReader.of(input);
      while (reader.hasNext()) {
        if (reader.isList()) {
          final RlpReader list = reader.readList();
          while (list.hasNext()) {
            list.readRaw();
          }
        } else if (reader.remaining() % 2 == 0) {
          reader.readLong();
        } else {
          reader.readBigInteger();
        }
      }
    } catch (final RlpDecodeException rejected) {
      // the only allowed failure
    }
  }
}
