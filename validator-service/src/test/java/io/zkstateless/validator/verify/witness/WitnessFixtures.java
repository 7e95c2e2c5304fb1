package io.zkstateless.validator.verify.witness;

import io.zkstateless.common.model.witness.ExecutionWitness;
import io.zkstateless.common.model.witness.WitnessProof;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.rlp.RlpReader;
import io.zkstateless.common.model.rlp.RlpWriter;
import io.zkstateless.common.test.Fixtures;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Blocks and witnesses of the recorded fixtures, in the shape the checker takes. */
final class WitnessFixtures {

  /** One block with its witness and what the beacon chain would say about it. */
  record WitnessedBlock(
      String name,
      byte[] header,
      Bytes32 hash,
      long number,
      ExecutionWitness witness,
      JsonNode json) {

    WitnessCheckResult check() {
      return WitnessIntegrityChecker.check(header, hash, number, witness);
    }

    WitnessedBlock withWitness(final ExecutionWitness replacement) {
      return new WitnessedBlock(name, header, hash, number, replacement, json);
    }

    WitnessProof proof() {
      return new WitnessProof(ImmutableBytes.of(header), witness);
    }
  }

  /**
   * Header fields in RLP order, for the one fixture recorded without raw block bytes; its {@code
   * block.hash} was computed from exactly this encoding, so the test below checks it.
   */
  private static final List<String> HEADER_FIELDS =
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
          "requestsHash");

  private static final List<String> BYTE_FIELDS =
      List.of(
          "parentHash",
          "sha3Uncles",
          "miner",
          "stateRoot",
          "transactionsRoot",
          "receiptsRoot",
          "logsBloom",
          "extraData",
          "mixHash",
          "nonce",
          "withdrawalsRoot",
          "parentBeaconBlockRoot",
          "requestsHash");

  private WitnessFixtures() {}

  /** A real {@code debug_executionWitness} fixture. */
  static WitnessedBlock real(final String name) {
    final JsonNode fixture = Fixtures.witnessFixture(name);
    final JsonNode block = fixture.path("block");
    final byte[] header =
        fixture.hasNonNull("rawBlock")
            ? firstItem(Hex.decode(fixture.path("rawBlock").asString()))
            : headerFromJson(block);
    final JsonNode witness = fixture.path("witness");
    return new WitnessedBlock(
        name,
        header,
        Bytes32.fromHex(block.path("hash").asString()),
        Long.decode(block.path("number").asString()),
        new ExecutionWitness(
            bytes(witness.path("state")),
            bytes(witness.path("codes")),
            bytes(witness.path("keys")),
            bytes(witness.path("headers"))),
        fixture);
  }

  /** Every block of an EEST test; EEST witnesses carry no keys. */
  static List<WitnessedBlock> eest(final String name) {
    final List<WitnessedBlock> out = new ArrayList<>();
    for (final JsonNode block : Fixtures.eestFixture(name).path("blocks")) {
      final JsonNode witness = block.path("executionWitness");
      out.add(
          new WitnessedBlock(
              name + " block " + Long.decode(block.path("blockHeader").path("number").asString()),
              firstItem(Hex.decode(block.path("rlp").asString())),
              Bytes32.fromHex(block.path("blockHeader").path("hash").asString()),
              Long.decode(block.path("blockHeader").path("number").asString()),
              new ExecutionWitness(
                  bytes(witness.path("state")),
                  bytes(witness.path("codes")),
                  List.of(),
                  bytes(witness.path("headers"))),
              block));
    }
    return out;
  }

  /**
   * Keys in the reth layout (address, then its slots) taken from the block's EIP-7928 block access
   * list: every account the block touched and every slot it read or wrote. The access list is
   * committed to by the header's {@code blockAccessListHash}; this test helper does not check that
   * hash, it only uses the fixture's decoded list.
   */
  static List<ImmutableBytes> accessListKeys(final JsonNode eestBlock) {
    final List<ImmutableBytes> keys = new ArrayList<>();
    for (final JsonNode account : eestBlock.path("blockAccessList")) {
      keys.add(ImmutableBytes.fromHex(account.path("address").asString()));
      for (final JsonNode change : account.path("storageChanges")) {
        keys.add(slot(change.path("slot").asString()));
      }
      for (final JsonNode read : account.path("storageReads")) {
        keys.add(slot(read.asString()));
      }
    }
    return keys;
  }

  static ExecutionWitness withKeys(
      final ExecutionWitness witness, final List<ImmutableBytes> keys) {
    return new ExecutionWitness(witness.state(), witness.codes(), keys, witness.headers());
  }

  private static ImmutableBytes slot(final String quantity) {
    final byte[] value =
        Hex.decode(quantity.length() % 2 == 0 ? quantity : "0x0" + quantity.substring(2));
    final byte[] padded = new byte[32];
    System.arraycopy(value, 0, padded, 32 - value.length, value.length);
    return ImmutableBytes.of(padded);
  }

  private static byte[] firstItem(final byte[] rlpBlock) {
    return RlpReader.of(rlpBlock).readList().readRaw();
  }

  private static byte[] headerFromJson(final JsonNode block) {
    final List<byte[]> fields = new ArrayList<>();
    for (final String field : HEADER_FIELDS) {
      final String value = block.path(field).asString();
      fields.add(
          BYTE_FIELDS.contains(field)
              ? RlpWriter.encodeBytes(Hex.decode(value))
              : RlpWriter.encodeLong(Long.decode(value)));
    }
    return RlpWriter.encodeList(fields);
  }

  private static List<ImmutableBytes> bytes(final JsonNode hexArray) {
    final List<ImmutableBytes> out = new ArrayList<>(hexArray.size());
    for (final JsonNode hex : hexArray) {
      out.add(ImmutableBytes.fromHex(hex.asString()));
    }
    return out;
  }
}
