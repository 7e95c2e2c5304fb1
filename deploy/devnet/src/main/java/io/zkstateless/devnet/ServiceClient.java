package io.zkstateless.devnet;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a service's REST API and Prometheus metrics (the validator's, for the progress line; the
 * broadcaster's peers at start-up).
 */
public final class ServiceClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern VERIFIED =
      Pattern.compile(
          "^validator_proof_verification_seconds_count\\{[^}]*proof_type=\"([^\"]+)\"[^}]*} ([0-9.eE+]+)$",
          Pattern.MULTILINE);
  private static final Pattern RESULTS =
      Pattern.compile(
          "^validator_proofs_total\\{[^}]*result=\"([^\"]+)\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);

  private static final Pattern PEERS =
      Pattern.compile(
          "^broadcaster_peers\\{[^}]*subnet=\"([0-9]+)\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);

  private final HttpGet http;

  public ServiceClient(final URI base) {
    this.http = new HttpGet(base);
  }

  /** A block in the heads answer. */
  public record Block(long slot, long executionNumber, String root) {}

  /** The validator's {@code /api/v1/heads}. */
  public record Heads(Block optimistic, Block proven, Block finalized, long gapSlots) {}

  /** The heads, or empty while the validator is not up or has no checkpoint yet. */
  public Optional<Heads> heads() {
    return get("/api/v1/heads")
        .flatMap(
            body -> {
              try {
                final JsonNode json = JSON.readTree(body);
                return Optional.of(
                    new Heads(
                        block(json.path("optimistic")),
                        block(json.path("proven")),
                        block(json.path("finalized")),
                        json.path("gapSlots").asLong()));
              } catch (final JacksonException e) {
                return Optional.empty();
              }
            });
  }

  /** Verifications per proof type name, from the validator's Prometheus metrics. */
  public Map<String, Long> verifiedPerProofType() {
    return sumBy(VERIFIED);
  }

  /** Received proofs by verdict (accept, reject, ignore). */
  public Map<String, Long> proofsByResult() {
    return sumBy(RESULTS);
  }

  /** Subnets the (broadcaster's) {@code broadcaster_peers} gauge shows at least one peer on. */
  public Set<Integer> subnetsWithPeers() {
    final Set<Integer> subnets = new TreeSet<>();
    sumBy(PEERS).forEach((subnet, peers) -> {
      if (peers > 0) {
        subnets.add(Integer.parseInt(subnet));
      }
    });
    return subnets;
  }

  /** Whether {@code path} answers 200. */
  public boolean answers(final String path) {
    return get(path).isPresent();
  }

  private Map<String, Long> sumBy(final Pattern pattern) {
    final Map<String, Long> sums = new TreeMap<>();
    get("/actuator/prometheus")
        .ifPresent(
            text -> {
              final Matcher matcher = pattern.matcher(text);
              while (matcher.find()) {
                sums.merge(matcher.group(1), (long) Double.parseDouble(matcher.group(2)), Long::sum);
              }
            });
    return sums;
  }

  private static Block block(final JsonNode node) {
    return new Block(
        node.path("slot").asLong(),
        node.path("executionBlockNumber").asLong(),
        node.path("root").asString(""));
  }

  private Optional<String> get(final String path) {
    return http.get(path);
  }
}
