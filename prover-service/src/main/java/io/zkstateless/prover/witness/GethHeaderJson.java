package io.zkstateless.prover.witness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Turns one geth witness header ({@code types.Header} JSON, go-ethereum {@code
 * core/types/gen_header_json.go}) back into the RLP the guest input needs, and proves the
 * conversion exact: {@code keccak256(rlp)} must equal the object's own {@code hash}. A field geth
 * adds later that is not listed here therefore fails loudly instead of producing a wrong header.
 *
 * <p>Fields are RLP-encoded in consensus order; the optional fork fields form a prefix (a field may
 * only be present if every earlier optional field is).
 */
final class GethHeaderJson {

  private enum Kind {
    /** Fixed-size data, encoded as-is. */
    DATA,
    /** Variable-size data ({@code extraData}). */
    BYTES,
    /** A quantity: minimal big-endian, no leading zero bytes. */
    QUANTITY
  }

  private record Field(String name, Kind kind, int size, boolean optional) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("parentHash", Kind.DATA, 32, false),
          new Field("sha3Uncles", Kind.DATA, 32, false),
          new Field("miner", Kind.DATA, 20, false),
          new Field("stateRoot", Kind.DATA, 32, false),
          new Field("transactionsRoot", Kind.DATA, 32, false),
          new Field("receiptsRoot", Kind.DATA, 32, false),
          new Field("logsBloom", Kind.DATA, 256, false),
          new Field("difficulty", Kind.QUANTITY, 32, false),
          new Field("number", Kind.QUANTITY, 8, false),
          new Field("gasLimit", Kind.QUANTITY, 8, false),
          new Field("gasUsed", Kind.QUANTITY, 8, false),
          new Field("timestamp", Kind.QUANTITY, 8, false),
          new Field("extraData", Kind.BYTES, 32, false),
          new Field("mixHash", Kind.DATA, 32, false),
          new Field("nonce", Kind.DATA, 8, false),
          new Field("baseFeePerGas", Kind.QUANTITY, 32, true),
          new Field("withdrawalsRoot", Kind.DATA, 32, true),
          new Field("blobGasUsed", Kind.QUANTITY, 8, true),
          new Field("excessBlobGas", Kind.QUANTITY, 8, true),
          new Field("parentBeaconBlockRoot", Kind.DATA, 32, true),
          new Field("requestsHash", Kind.DATA, 32, true),
          new Field("blockAccessListHash", Kind.DATA, 32, true),
          new Field("slotNumber", Kind.QUANTITY, 8, true));

  /** geth writes about 25 fields; anything far beyond that is not a header. */
  private static final int MAX_PROPERTIES = 64;

  private GethHeaderJson() {}

  /** Reads the object at the parser's START_OBJECT and returns the header's RLP. */
  static byte[] toRlp(final JsonParser parser, final int index, final int maxHeaderBytes) {
    final String where = "headers[" + index + "]";
    final Map<String, String> values = readStringProperties(parser, where);
    final List<RlpType> items = new ArrayList<>(FIELDS.size());
    String missingOptional = null;
    for (final Field field : FIELDS) {
      final String value = values.get(field.name());
      if (value == null) {
        if (!field.optional()) {
          throw ExecutionWitnessReader.error(
              parser, where + " lacks required field " + field.name());
        }
        missingOptional = missingOptional == null ? field.name() : missingOptional;
        continue;
      }
      if (missingOptional != null) {
        throw ExecutionWitnessReader.error(
            parser, where + " has " + field.name() + " but not the earlier " + missingOptional);
      }
      items.add(RlpString.create(decodeField(parser, where, field, value)));
    }
    final String hash = values.get("hash");
    if (hash == null) {
      throw ExecutionWitnessReader.error(
          parser, where + " lacks its hash, so it cannot be verified");
    }
    final byte[] rlp = RlpEncoder.encode(new RlpList(items));
    if (rlp.length > maxHeaderBytes) {
      throw ExecutionWitnessReader.error(
          parser, where + " encodes to " + rlp.length + " bytes, over the limit " + maxHeaderBytes);
    }
    final byte[] expected = decodeHex(parser, where + ".hash", hash);
    if (!Arrays.equals(new Keccak.Digest256().digest(rlp), expected)) {
      throw ExecutionWitnessReader.error(
          parser,
          where
              + " re-encoded to RLP does not hash to its hash "
              + hash
              + " (a field this client does not know, or a wrong value)");
    }
    return rlp;
  }

  private static Map<String, String> readStringProperties(
      final JsonParser parser, final String where) {
    final Map<String, String> values = new HashMap<>();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      if (values.size() == MAX_PROPERTIES) {
        throw ExecutionWitnessReader.error(
            parser, where + " has more than " + MAX_PROPERTIES + " fields");
      }
      final String name = parser.currentName();
      final JsonToken token = parser.nextToken();
      if (token == JsonToken.VALUE_STRING) {
        values.put(name, parser.getString());
      } else if (token != JsonToken.VALUE_NULL) {
        throw ExecutionWitnessReader.error(
            parser, where + "." + name + " must be a hex string, got " + token);
      }
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw ExecutionWitnessReader.error(parser, where + " is not a JSON object");
    }
    return values;
  }

  private static byte[] decodeField(
      final JsonParser parser, final String where, final Field field, final String value) {
    final String name = where + "." + field.name();
    if (field.kind() == Kind.QUANTITY) {
      return decodeQuantity(parser, name, value, field.size());
    }
    final byte[] bytes = decodeHex(parser, name, value);
    if (field.kind() == Kind.DATA ? bytes.length != field.size() : bytes.length > field.size()) {
      throw ExecutionWitnessReader.error(
          parser, name + " is " + bytes.length + " bytes, expected " + field.size());
    }
    return bytes;
  }

  private static byte[] decodeQuantity(
      final JsonParser parser, final String name, final String value, final int maxBytes) {
    if (!value.startsWith("0x") || value.length() < 3) {
      throw ExecutionWitnessReader.error(parser, name + " is not a 0x quantity: " + value);
    }
    int first = 2;
    while (first < value.length() - 1 && value.charAt(first) == '0') {
      first++;
    }
    final String digits = value.substring(first);
    if (digits.equals("0")) {
      return new byte[0];
    }
    final byte[] bytes =
        decodeHex(parser, name, "0x" + ((digits.length() & 1) == 0 ? "" : "0") + digits);
    if (bytes.length > maxBytes) {
      throw ExecutionWitnessReader.error(parser, name + " is wider than " + maxBytes + " bytes");
    }
    return bytes;
  }

  private static byte[] decodeHex(final JsonParser parser, final String name, final String value) {
    final int digits = value.length() - 2;
    if (!value.startsWith("0x") || (digits & 1) != 0) {
      throw ExecutionWitnessReader.error(parser, name + " is not 0x-hex of whole bytes: " + value);
    }
    final byte[] bytes = new byte[digits / 2];
    final int bad = HexDigits.decode(value.toCharArray(), 2, digits, bytes, 0);
    if (bad >= 0) {
      throw ExecutionWitnessReader.error(parser, name + " has a non-hex character at " + (bad + 2));
    }
    return bytes;
  }
}
