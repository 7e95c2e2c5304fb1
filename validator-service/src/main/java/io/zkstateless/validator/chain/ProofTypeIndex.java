package io.zkstateless.validator.chain;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which proof types are valid per execution block hash, as a bit set (proof type ids are below
 * 64). Bounded: past {@code maxEntries} hashes the least recently used is forgotten. The database
 * stays the source of truth; this is the fast path the proven-head computation reads.
 */
final class ProofTypeIndex {

  private final Map<Bytes32, Long> typesByHash;

  ProofTypeIndex(final int maxEntries) {
    this.typesByHash =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(final Map.Entry<Bytes32, Long> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /** Returns true if the type was not yet recorded for the hash. */
  boolean add(final Bytes32 executionBlockHash, final int proofType) {
    if (proofType < 0 || proofType >= Long.SIZE) {
      throw new IllegalArgumentException("Proof type id out of range: " + proofType);
    }
    final long bit = 1L << proofType;
    final long before = typesByHash.getOrDefault(executionBlockHash, 0L);
    if ((before & bit) != 0) {
      return false;
    }
    typesByHash.put(executionBlockHash, before | bit);
    return true;
  }

  int count(final Bytes32 executionBlockHash) {
    return Long.bitCount(typesByHash.getOrDefault(executionBlockHash, 0L));
  }

  void remove(final Bytes32 executionBlockHash) {
    typesByHash.remove(executionBlockHash);
  }

  int size() {
    return typesByHash.size();
  }
}
