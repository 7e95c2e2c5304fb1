package io.zkstateless.prover.witness;

import java.util.Objects;
import java.util.Optional;

/**
 * One block's execution witness as the prover keeps it: the four {@code debug_executionWitness}
 * lists, decoded from hex into compact storage, in the order the client sent them.
 *
 * <p>Nothing is re-sorted or deduplicated: reth legacy entries ({@code 0x80} in {@code state},
 * {@code 0x} in {@code codes}) are kept, since the guest input is built from exactly what the
 * execution client served. {@code headers} are always RLP bytes; for geth they were rebuilt from
 * JSON objects (see {@link #headerForm()}). Header order differs by client (Besu sends the parent
 * first), so later stages must find the parent by hash, never by position.
 */
public final class ExecutionWitness {

  private final WitnessEntries state;
  private final WitnessEntries codes;
  private final WitnessEntries keys;
  private final WitnessEntries headers;
  private final HeaderForm headerForm;

  /**
   * @param keys {@code null} when the client sent no {@code keys} (EEST, geth's {@code null})
   */
  public ExecutionWitness(
      final WitnessEntries state,
      final WitnessEntries codes,
      final WitnessEntries keys,
      final WitnessEntries headers,
      final HeaderForm headerForm) {
    this.state = Objects.requireNonNull(state, "state");
    this.codes = Objects.requireNonNull(codes, "codes");
    this.keys = keys;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.headerForm = Objects.requireNonNull(headerForm, "headerForm");
  }

  /** RLP-encoded trie nodes of the account trie and every storage trie, one shared pool. */
  public WitnessEntries state() {
    return state;
  }

  /** Contract bytecodes, each found by its keccak256. */
  public WitnessEntries codes() {
    return codes;
  }

  /** Preimages of accessed keys (20-byte addresses, 32-byte slots), when the client sent them. */
  public Optional<WitnessEntries> keys() {
    return Optional.ofNullable(keys);
  }

  /** RLP-encoded ancestor headers, in the client's order. */
  public WitnessEntries headers() {
    return headers;
  }

  public HeaderForm headerForm() {
    return headerForm;
  }

  /** Decoded bytes held by the four lists: the witness size to log, meter and budget caches by. */
  public long totalBytes() {
    return state.totalBytes()
        + codes.totalBytes()
        + (keys == null ? 0 : keys.totalBytes())
        + headers.totalBytes();
  }

  @Override
  public String toString() {
    return "ExecutionWitness{state="
        + state.size()
        + ", codes="
        + codes.size()
        + ", keys="
        + (keys == null ? "absent" : keys.size())
        + ", headers="
        + headers.size()
        + " ("
        + headerForm
        + "), bytes="
        + totalBytes()
        + "}";
  }
}
