package io.zkstateless.common.model.electra;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.stateless.ExecutionRequests.Consolidation;
import io.zkstateless.common.model.stateless.ExecutionRequests.Deposit;
import io.zkstateless.common.model.stateless.ExecutionRequests.WithdrawalRequest;
import io.zkstateless.common.model.stateless.Withdrawal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * Builds the {@link ElectraNewPayloadRequest} of a block from the Beacon API answer to {@code GET
 * /eth/v2/beacon/blocks/{block_id}} (Electra or Fulu): the payload from {@code
 * message.body.execution_payload}, {@code versioned_hashes} from {@code blob_kzg_commitments}
 * ({@link KzgVersionedHash}, in order), {@code execution_requests} from the body and {@code
 * parent_beacon_block_root} from {@code message.parent_root} (the consensus layer passes the block's
 * parent root to {@code engine_newPayloadV4}). Every malformed field, unknown fork and list over
 * its preset limit raises {@link BeaconBlockJsonException}; nothing else escapes.
 */
public final class BeaconBlockJson {

  /** Forks whose blocks carry this shape. Gloas moves the payload into an envelope. */
  public static final Set<String> FORKS = Set.of("electra", "fulu");

  private BeaconBlockJson() {}

  /**
   * @param response the whole response ({@code {version, data: {message, signature}}})
   * @throws BeaconBlockJsonException if it is not an Electra/Fulu block with a payload
   */
  public static ElectraNewPayloadRequest newPayloadRequest(
      final JsonNode response, final ElectraPreset preset) {
    final JsonNode version = response.get("version");
    if (version != null && version.isString()) {
      final String fork = version.asString().toLowerCase(Locale.ROOT);
      if (!FORKS.contains(fork)) {
        throw new BeaconBlockJsonException(
            "version", "fork " + fork + " has no Electra/Fulu NewPayloadRequest");
      }
    }
    final JsonNode message = object(response, "data", "").get("message");
    if (message == null || !message.isObject()) {
      throw new BeaconBlockJsonException("data.message", "missing or not an object");
    }
    final JsonNode body = object(message, "body", "data.message");
    final String bodyPath = "data.message.body";
    final JsonNode payloadJson = object(body, "execution_payload", bodyPath);
    final ElectraExecutionPayload payload =
        payload(payloadJson, bodyPath + ".execution_payload", preset);
    final List<Bytes32> hashes =
        list(body, "blob_kzg_commitments", bodyPath, preset.maxBlobCommitmentsPerBlock(),
            (node, path) -> KzgVersionedHash.of(bytes(node, path, KzgVersionedHash.COMMITMENT_SIZE)));
    final ElectraExecutionRequests requests =
        requests(object(body, "execution_requests", bodyPath), bodyPath + ".execution_requests",
            preset);
    return new ElectraNewPayloadRequest(
        payload, hashes, root(field(message, "parent_root", "data.message"),
            "data.message.parent_root"), requests);
  }

  /**
   * Only the {@code execution_requests} of a block ({@code data.message.body.execution_requests}),
   * for callers that need the requests but not the whole request (the prover's job table).
   *
   * @param response the whole response ({@code {version, data: {message, signature}}})
   * @throws BeaconBlockJsonException if the field is missing, malformed or over its preset limits
   */
  public static ElectraExecutionRequests executionRequests(
      final JsonNode response, final ElectraPreset preset) {
    final JsonNode message = object(response, "data", "").get("message");
    if (message == null || !message.isObject()) {
      throw new BeaconBlockJsonException("data.message", "missing or not an object");
    }
    final String bodyPath = "data.message.body";
    return requests(
        object(object(message, "body", "data.message"), "execution_requests", bodyPath),
        bodyPath + ".execution_requests",
        preset);
  }

  private static ElectraExecutionPayload payload(
      final JsonNode p, final String at, final ElectraPreset preset) {
    try {
      return new ElectraExecutionPayload(
          root(field(p, "parent_hash", at), at + ".parent_hash"),
          bytes(field(p, "fee_recipient", at), at + ".fee_recipient", 20),
          root(field(p, "state_root", at), at + ".state_root"),
          root(field(p, "receipts_root", at), at + ".receipts_root"),
          bytes(field(p, "logs_bloom", at), at + ".logs_bloom", 256),
          root(field(p, "prev_randao", at), at + ".prev_randao"),
          uint64(field(p, "block_number", at), at + ".block_number"),
          uint64(field(p, "gas_limit", at), at + ".gas_limit"),
          uint64(field(p, "gas_used", at), at + ".gas_used"),
          uint64(field(p, "timestamp", at), at + ".timestamp"),
          bytesAtMost(field(p, "extra_data", at), at + ".extra_data", 32),
          uint256(field(p, "base_fee_per_gas", at), at + ".base_fee_per_gas"),
          root(field(p, "block_hash", at), at + ".block_hash"),
          list(p, "transactions", at, ElectraPreset.MAX_TRANSACTIONS_PER_PAYLOAD,
              (node, path) -> bytesAtMost(node, path, ElectraPreset.MAX_BYTES_PER_TRANSACTION)),
          list(p, "withdrawals", at, preset.maxWithdrawalsPerPayload(),
              (w, path) -> new Withdrawal(
                  uint64(field(w, "index", path), path + ".index"),
                  uint64(field(w, "validator_index", path), path + ".validator_index"),
                  bytes(field(w, "address", path), path + ".address", 20),
                  uint64(field(w, "amount", path), path + ".amount"))),
          uint64(field(p, "blob_gas_used", at), at + ".blob_gas_used"),
          uint64(field(p, "excess_blob_gas", at), at + ".excess_blob_gas"));
    } catch (final IllegalArgumentException e) {
      throw new BeaconBlockJsonException(at, e.getMessage());
    }
  }

  private static ElectraExecutionRequests requests(
      final JsonNode r, final String at, final ElectraPreset preset) {
    return new ElectraExecutionRequests(
        list(r, "deposits", at, preset.maxDepositRequestsPerPayload(),
            (d, path) -> new Deposit(
                bytes(field(d, "pubkey", path), path + ".pubkey", 48),
                root(field(d, "withdrawal_credentials", path), path + ".withdrawal_credentials"),
                uint64(field(d, "amount", path), path + ".amount"),
                bytes(field(d, "signature", path), path + ".signature", 96),
                uint64(field(d, "index", path), path + ".index"))),
        list(r, "withdrawals", at, preset.maxWithdrawalRequestsPerPayload(),
            (w, path) -> new WithdrawalRequest(
                bytes(field(w, "source_address", path), path + ".source_address", 20),
                bytes(field(w, "validator_pubkey", path), path + ".validator_pubkey", 48),
                uint64(field(w, "amount", path), path + ".amount"))),
        list(r, "consolidations", at, preset.maxConsolidationRequestsPerPayload(),
            (c, path) -> new Consolidation(
                bytes(field(c, "source_address", path), path + ".source_address", 20),
                bytes(field(c, "source_pubkey", path), path + ".source_pubkey", 48),
                bytes(field(c, "target_pubkey", path), path + ".target_pubkey", 48))));
  }

  private static JsonNode field(final JsonNode node, final String name, final String at) {
    final JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new BeaconBlockJsonException(join(at, name), "missing");
    }
    return value;
  }

  private static JsonNode object(final JsonNode node, final String name, final String at) {
    final JsonNode value = field(node, name, at);
    if (!value.isObject()) {
      throw new BeaconBlockJsonException(join(at, name), "not an object");
    }
    return value;
  }

  private static <T> List<T> list(
      final JsonNode node,
      final String name,
      final String at,
      final long limit,
      final BiFunction<JsonNode, String, T> element) {
    final JsonNode array = field(node, name, at);
    final String path = join(at, name);
    if (!array.isArray()) {
      throw new BeaconBlockJsonException(path, "not an array");
    }
    if (array.size() > limit) {
      throw new BeaconBlockJsonException(
          path, array.size() + " elements, the limit is " + limit);
    }
    final List<T> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      final String elementPath = path + "[" + i + "]";
      try {
        out.add(element.apply(array.get(i), elementPath));
      } catch (final IllegalArgumentException e) {
        throw new BeaconBlockJsonException(elementPath, e.getMessage());
      }
    }
    return out;
  }

  private static String string(final JsonNode node, final String path) {
    if (!node.isString()) {
      throw new BeaconBlockJsonException(path, "not a string");
    }
    return node.asString();
  }

  private static byte[] hex(final JsonNode node, final String path, final long maxBytes) {
    final String text = string(node, path);
    if (!text.startsWith("0x") || (text.length() - 2) % 2 != 0) {
      throw new BeaconBlockJsonException(path, "not 0x-prefixed hex of whole bytes");
    }
    if ((text.length() - 2) / 2 > maxBytes) {
      throw new BeaconBlockJsonException(
          path, (text.length() - 2) / 2 + " bytes, at most " + maxBytes + " allowed");
    }
    try {
      return Hex.decode(text);
    } catch (final IllegalArgumentException e) {
      throw new BeaconBlockJsonException(path, "not hex: " + e.getMessage());
    }
  }

  private static ImmutableBytes bytes(final JsonNode node, final String path, final int size) {
    final byte[] value = hex(node, path, size);
    if (value.length != size) {
      throw new BeaconBlockJsonException(path, value.length + " bytes, expected " + size);
    }
    return ImmutableBytes.of(value);
  }

  private static ImmutableBytes bytesAtMost(final JsonNode node, final String path, final long max) {
    return ImmutableBytes.of(hex(node, path, max));
  }

  private static Bytes32 root(final JsonNode node, final String path) {
    return Bytes32.wrap(bytes(node, path, 32).toArray());
  }

  /** Beacon API integers are decimal strings; the long holds the uint64 bit pattern. */
  private static long uint64(final JsonNode node, final String path) {
    final String text = string(node, path);
    try {
      if (text.isEmpty() || text.length() > 20 || text.charAt(0) == '+') {
        throw new NumberFormatException(text);
      }
      return Long.parseUnsignedLong(text);
    } catch (final NumberFormatException e) {
      throw new BeaconBlockJsonException(path, "not a decimal uint64: " + abbreviate(text));
    }
  }

  private static BigInteger uint256(final JsonNode node, final String path) {
    final String text = string(node, path);
    if (text.isEmpty() || text.length() > 78 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new BeaconBlockJsonException(path, "not a decimal uint256: " + abbreviate(text));
    }
    final BigInteger value = new BigInteger(text);
    if (value.bitLength() > 256) {
      throw new BeaconBlockJsonException(path, "exceeds uint256");
    }
    return value;
  }

  private static String join(final String at, final String name) {
    return at.isEmpty() ? name : at + "." + name;
  }

  private static String abbreviate(final String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
