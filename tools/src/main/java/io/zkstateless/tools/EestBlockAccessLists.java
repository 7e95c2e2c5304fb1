package io.zkstateless.tools;

import io.zkstateless.common.model.rlp.RlpWriter;
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
public final class EestBlockAccessLists {

  private EestBlockAccessLists() {}

  /**
   * @throws MalformedFixtureException if a field is missing or is not hex
   */
  public static byte[] rlp(final JsonNode accounts) {
    final String root = "blockAccessList";
    if (!accounts.isArray()) {
      throw new MalformedFixtureException(root, "not an array");
    }
    final List<byte[]> encoded = new ArrayList<>();
    int i = 0;
    for (final JsonNode account : accounts) {
      final String path = root + "[" + i++ + "]";
      encoded.add(
          RlpWriter.encodeList(
              RlpWriter.encodeBytes(
                  EestJson.bytes(EestJson.field(account, "address", path), path + ".address")),
              storageChanges(EestJson.array(account, "storageChanges", path), path),
              scalars(EestJson.array(account, "storageReads", path), path + ".storageReads"),
              changes(account, "balanceChanges", "postBalance", path),
              changes(account, "nonceChanges", "postNonce", path),
              codeChanges(EestJson.array(account, "codeChanges", path), path + ".codeChanges")));
    }
    return RlpWriter.encodeList(encoded);
  }

  private static byte[] storageChanges(final JsonNode slots, final String parent) {
    final List<byte[]> encoded = new ArrayList<>();
    int i = 0;
    for (final JsonNode slot : slots) {
      final String path = parent + ".storageChanges[" + i++ + "]";
      encoded.add(
          RlpWriter.encodeList(
              scalar(EestJson.field(slot, "slot", path), path + ".slot"),
              changes(slot, "slotChanges", "postValue", path)));
    }
    return RlpWriter.encodeList(encoded);
  }

  private static byte[] changes(
      final JsonNode parent, final String name, final String valueField, final String parentPath) {
    final List<byte[]> encoded = new ArrayList<>();
    int i = 0;
    for (final JsonNode change : EestJson.array(parent, name, parentPath)) {
      final String path = parentPath + "." + name + "[" + i++ + "]";
      encoded.add(
          RlpWriter.encodeList(
              scalar(EestJson.field(change, "blockAccessIndex", path), path + ".blockAccessIndex"),
              scalar(EestJson.field(change, valueField, path), path + "." + valueField)));
    }
    return RlpWriter.encodeList(encoded);
  }

  private static byte[] codeChanges(final JsonNode changes, final String parentPath) {
    final List<byte[]> encoded = new ArrayList<>();
    int i = 0;
    for (final JsonNode change : changes) {
      final String path = parentPath + "[" + i++ + "]";
      encoded.add(
          RlpWriter.encodeList(
              scalar(EestJson.field(change, "blockAccessIndex", path), path + ".blockAccessIndex"),
              RlpWriter.encodeBytes(
                  EestJson.bytes(EestJson.field(change, "newCode", path), path + ".newCode"))));
    }
    return RlpWriter.encodeList(encoded);
  }

  private static byte[] scalars(final JsonNode values, final String parentPath) {
    final List<byte[]> encoded = new ArrayList<>();
    int i = 0;
    for (final JsonNode value : values) {
      encoded.add(scalar(value, parentPath + "[" + i++ + "]"));
    }
    return RlpWriter.encodeList(encoded);
  }

  private static byte[] scalar(final JsonNode hexQuantity, final String path) {
    return RlpWriter.encodeBigInteger(EestJson.quantity(hexQuantity, path));
  }
}
