package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.rlp.RlpWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Re-encodes an EEST fixture's JSON {@code blockAccessList} into the EIP-7928 RLP the payload
 * carries: a list of {@code [address, storage_changes, storage_reads, balance_changes,
 * nonce_changes, code_changes]}, where storage changes are {@code [slot, [[index, value]...]]}, the
 * other changes {@code [index, value]}, and slots, indices and values are RLP scalars. The result
 * is checked against the header's {@code block_access_list_hash} by the builder.
 */
final class EestBlockAccessLists {

  private EestBlockAccessLists() {}

  static byte[] rlp(final JsonNode accounts) {
    final List<byte[]> encoded = new ArrayList<>();
    for (final JsonNode account : accounts) {
      encoded.add(
          RlpWriter.encodeList(
              RlpWriter.encodeBytes(Hex.decode(account.get("address").asString())),
              storageChanges(account.get("storageChanges")),
              scalars(account.get("storageReads")),
              changes(account.get("balanceChanges"), "postBalance"),
              changes(account.get("nonceChanges"), "postNonce"),
              codeChanges(account.get("codeChanges"))));
    }
    return RlpWriter.encodeList(encoded);
  }

  private static byte[] storageChanges(final JsonNode slots) {
    final List<byte[]> encoded = new ArrayList<>();
    for (final JsonNode slot : slots) {
      encoded.add(
          RlpWriter.encodeList(
              scalar(slot.get("slot")), changes(slot.get("slotChanges"), "postValue")));
    }
    return RlpWriter.encodeList(encoded);
  }

  private static byte[] changes(final JsonNode changes, final String valueField) {
    final List<byte[]> encoded = new ArrayList<>();
    for (final JsonNode change : changes) {
      encoded.add(
          RlpWriter.encodeList(
              scalar(change.get("blockAccessIndex")), scalar(change.get(valueField))));
    }
    return RlpWriter.encodeList(encoded);
  }

  private static byte[] codeChanges(final JsonNode changes) {
    final List<byte[]> encoded = new ArrayList<>();
    for (final JsonNode change : changes) {
      encoded.add(
          RlpWriter.encodeList(
              scalar(change.get("blockAccessIndex")),
              RlpWriter.encodeBytes(Hex.decode(change.get("newCode").asString()))));
    }
    return RlpWriter.encodeList(encoded);
  }

  private static byte[] scalars(final JsonNode values) {
    final List<byte[]> encoded = new ArrayList<>();
    for (final JsonNode value : values) {
      encoded.add(scalar(value));
    }
    return RlpWriter.encodeList(encoded);
  }

  private static byte[] scalar(final JsonNode hexQuantity) {
    final String digits = hexQuantity.asString().substring(2);
    return RlpWriter.encodeBigInteger(
        digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits, 16));
  }
}
