package io.zkstateless.e2e.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.validator.gossip.ValidatorP2pNode;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** What a running validator stored and counted, read from its database and meters. */
public final class ValidatorProbe {

  private final ConfigurableApplicationContext validator;
  private final String database;

  public ValidatorProbe(final ConfigurableApplicationContext validator, final String database) {
    this.validator = validator;
    this.database = database;
  }

  /** One "block hash/proof type/source" line per row of the proof store. */
  public List<String> storedProofs() {
    return JdbcClient.create(
            new SimpleDriverDataSource(new org.postgresql.Driver(), database, "postgres", ""))
        .sql("SELECT block_hash, proof_type, source FROM execution_proof")
        .query(
            (rs, n) ->
                Bytes32.wrap(rs.getBytes(1)).toHexString()
                    + "/"
                    + rs.getInt(2)
                    + "/"
                    + rs.getString(3))
        .list();
  }

  /** {@code validator_proofs_total} for a source and verdict, over every reason. */
  public double proofCount(final String source, final String result) {
    return meters().find("validator_proofs_total").tags("source", source, "result", result)
        .counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  /** {@code validator_proofs_total} for a source, verdict and reason. */
  public double proofCount(final String source, final String result, final String reason) {
    return meters()
        .find("validator_proofs_total")
        .tags("source", source, "result", result, "reason", reason)
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  /** The validator's libp2p address, with its peer id. */
  public String p2pAddress() {
    final ValidatorP2pNode node = validator.getBean(ValidatorP2pNode.class);
    return node.listenAddresses().get(0).withPeerId(node.peerId()).toString();
  }

  private MeterRegistry meters() {
    return validator.getBean(MeterRegistry.class);
  }
}
