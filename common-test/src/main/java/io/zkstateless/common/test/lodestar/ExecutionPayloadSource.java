package io.zkstateless.common.test.lodestar;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where {@link MockEngineApi} gets the execution payloads it hands the consensus client. The
 * default builds empty payloads with made-up hashes ({@code PayloadBuilder}); the devnet plugs in
 * recorded real blocks, so every payload hash is one its execution client stand-in can serve a
 * witness for.
 *
 * <p>Whatever the source returns, the consensus client checks the fields its state transition
 * checks: {@code parentHash} must be the head's payload hash, {@code timestamp} and {@code
 * prevRandao} those of the attributes and {@code withdrawals} exactly the expected ones. Lodestar
 * 1.5.1 does not recompute {@code blockHash} from the other fields.
 */
public interface ExecutionPayloadSource {

  /**
   * A payload (Engine API JSON, {@code ExecutionPayloadV1/V2}) on top of {@code parentHash} for the
   * given {@code PayloadAttributesV1/V2}.
   */
  ObjectNode build(String parentHash, JsonNode attributes);

  /** A payload the consensus client imported ({@code engine_newPayload*}): its own or a gossiped one. */
  default void imported(final JsonNode payload) {}
}
