package io.zkstateless.common.model.electra;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.stateless.ExecutionRequests.Consolidation;
import io.zkstateless.common.model.stateless.ExecutionRequests.Deposit;
import io.zkstateless.common.model.stateless.ExecutionRequests.WithdrawalRequest;
import io.zkstateless.common.model.stateless.Withdrawal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Reads the copied consensus-spec-tests {@code ssz_static} cases (see {@code ssz_static/SOURCES.md}). */
final class SszStaticVectors {

  private SszStaticVectors() {}

  static Map<String, Object> value(final String caseDir) {
    return yaml(caseDir + "/value.yaml");
  }

  static Bytes32 root(final String caseDir) {
    return Bytes32.fromHex((String) yaml(caseDir + "/roots.yaml").get("root"));
  }

  static ElectraExecutionPayload payload(final Map<String, Object> v) {
    return new ElectraExecutionPayload(
        b32(v, "parent_hash"),
        bytes(v, "fee_recipient"),
        b32(v, "state_root"),
        b32(v, "receipts_root"),
        bytes(v, "logs_bloom"),
        b32(v, "prev_randao"),
        u64(v, "block_number"),
        u64(v, "gas_limit"),
        u64(v, "gas_used"),
        u64(v, "timestamp"),
        bytes(v, "extra_data"),
        new BigInteger((String) v.get("base_fee_per_gas")),
        b32(v, "block_hash"),
        list(v, "transactions").stream().map(t -> ImmutableBytes.fromHex((String) t)).toList(),
        maps(v, "withdrawals").stream()
            .map(
                w ->
                    new Withdrawal(
                        u64(w, "index"),
                        u64(w, "validator_index"),
                        bytes(w, "address"),
                        u64(w, "amount")))
            .toList(),
        u64(v, "blob_gas_used"),
        u64(v, "excess_blob_gas"));
  }

  static ElectraExecutionRequests requests(final Map<String, Object> v) {
    return new ElectraExecutionRequests(
        maps(v, "deposits").stream()
            .map(
                d ->
                    new Deposit(
                        bytes(d, "pubkey"),
                        b32(d, "withdrawal_credentials"),
                        u64(d, "amount"),
                        bytes(d, "signature"),
                        u64(d, "index")))
            .toList(),
        maps(v, "withdrawals").stream()
            .map(
                w ->
                    new WithdrawalRequest(
                        bytes(w, "source_address"), bytes(w, "validator_pubkey"), u64(w, "amount")))
            .toList(),
        maps(v, "consolidations").stream()
            .map(
                c ->
                    new Consolidation(
                        bytes(c, "source_address"),
                        bytes(c, "source_pubkey"),
                        bytes(c, "target_pubkey")))
            .toList());
  }

  private static Map<String, Object> yaml(final String resource) {
    try (InputStream in = SszStaticVectors.class.getResourceAsStream("/ssz_static/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing vector " + resource);
      }
      return new Yaml().load(in);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Bytes32 b32(final Map<String, Object> v, final String key) {
    return Bytes32.fromHex((String) v.get(key));
  }

  private static ImmutableBytes bytes(final Map<String, Object> v, final String key) {
    return ImmutableBytes.fromHex((String) v.get(key));
  }

  /** YAML integers above 2^63 come as BigInteger; uint64 values are kept in a long bit pattern. */
  private static long u64(final Map<String, Object> v, final String key) {
    return new BigInteger(v.get(key).toString()).longValue();
  }

  private static List<?> list(final Map<String, Object> v, final String key) {
    return (List<?>) v.get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(final Map<String, Object> v, final String key) {
    return (List<Map<String, Object>>) v.get(key);
  }
}
