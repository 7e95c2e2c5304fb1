package io.zkstateless.validator.verify.witness;

/**
 * What the key walks of one witness found. Names follow the {@code expected.keyWalk} counts of the
 * recorded fixtures.
 *
 * @param accountsFound address keys that resolved to an account
 * @param accountsAbsent address keys proven absent from the state trie
 * @param slotsFound storage keys that resolved to a value
 * @param slotsAbsent storage keys proven absent (an absent account has no slots)
 * @param accountsWithCodeNotInCodes found accounts with code whose bytecode is not among the
 *     witness codes; legitimate when the block touched the account without running its code
 */
public record KeyWalkStats(
    int accountsFound,
    int accountsAbsent,
    int slotsFound,
    int slotsAbsent,
    int accountsWithCodeNotInCodes) {

  public static final KeyWalkStats NONE = new KeyWalkStats(0, 0, 0, 0, 0);
}
