package io.zkstateless.prover.witness;

import io.zkstateless.common.model.bytes.Hex;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a geth-shaped witness ({@code stateless.ExtWitness}: field order {@code headers, codes,
 * state, keys}, headers as {@code types.Header} JSON objects, {@code "keys": null}) from a real
 * RLP-shaped one. No real geth response has been published, so this is SYNTHESIZED from a recorded
 * witness of another client: each RLP header is decoded and written out the way geth's {@code
 * gen_header_json.go} names its fields, with quantities as minimal {@code 0x} hex.
 */
final class GethWitnessShape {

  /** geth JSON names in RLP field order (go-ethereum core/types/gen_header_json.go). */
  static final List<String> HEADER_FIELDS =
      List.of(
          "parentHash",
          "sha3Uncles",
          "miner",
          "stateRoot",
          "transactionsRoot",
          "receiptsRoot",
          "logsBloom",
          "difficulty",
          "number",
          "gasLimit",
          "gasUsed",
          "timestamp",
          "extraData",
          "mixHash",
          "nonce",
          "baseFeePerGas",
          "withdrawalsRoot",
          "blobGasUsed",
          "excessBlobGas",
          "parentBeaconBlockRoot",
          "requestsHash",
          "blockAccessListHash",
          "slotNumber");

  private static final Set<String> QUANTITIES =
      Set.of(
          "difficulty",
          "number",
          "gasLimit",
          "gasUsed",
          "timestamp",
          "baseFeePerGas",
          "blobGasUsed",
          "excessBlobGas",
          "slotNumber");

  private GethWitnessShape() {}

  static ObjectNode fromRlpWitness(final JsonNode rlpWitness) {
    final ObjectNode geth = WitnessJsonSupport.JSON.createObjectNode();
    final ArrayNode headers = geth.putArray("headers");
    for (final JsonNode header : rlpWitness.path("headers")) {
      headers.add(headerObject(Hex.decode(header.asString())));
    }
    geth.set("codes", rlpWitness.path("codes"));
    geth.set("state", rlpWitness.path("state"));
    geth.putNull("keys");
    return geth;
  }

  static ObjectNode headerObject(final byte[] rlp) {
    final RlpList fields = (RlpList) RlpDecoder.decode(rlp).getValues().get(0);
    final ObjectNode object = WitnessJsonSupport.JSON.createObjectNode();
    for (int i = 0; i < fields.getValues().size(); i++) {
      final String name = HEADER_FIELDS.get(i);
      final byte[] value = ((RlpString) fields.getValues().get(i)).getBytes();
      object.put(
          name,
          QUANTITIES.contains(name)
              ? "0x" + new BigInteger(1, value).toString(16)
              : Hex.encode(value));
    }
    object.put("hash", Hex.encode(new Keccak.Digest256().digest(rlp)));
    return object;
  }
}
