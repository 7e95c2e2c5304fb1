package io.zkstateless.devnet;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chain side of the devnet: the processes that make a beacon chain whose execution payloads
 * are restamped recorded blocks, and the execution client stand-in that serves those blocks'
 * witnesses. {@link SimulatedChainProcess} or {@link LodestarChain}.
 */
interface DevnetChain {

  /** Starts the chain's processes under the supervisor, without waiting for them. */
  void start() throws IOException;

  /**
   * Waits until the beacon node's and execution client's URLs are known.
   *
   * @param startup fails the wait when a process died or the start-up took too long
   */
  Endpoints awaitEndpoints(StartupCheck startup) throws IOException, InterruptedException;

  /**
   * The services are live and the validator is subscribed to every proof subnet: blocks may come
   * (the simulated chain starts its slots; Lodestar's REST API is awaited).
   */
  void release(StartupCheck startup) throws IOException, InterruptedException;

  /** {@code SLOTS_PER_EPOCH} of the chain, so the prover turns finalized epochs into slots. */
  int slotsPerEpoch();

  /** Called while waiting during start-up; throws when it is time to give up. */
  @FunctionalInterface
  interface StartupCheck {
    void check(String waitingFor);
  }

  /**
   * Where the chain listens.
   *
   * @param beaconUrl the Beacon API
   * @param executionUrl the execution client stand-in (JSON-RPC)
   * @param printed label to value, for the launcher's endpoint list (beacon first)
   */
  record Endpoints(String beaconUrl, String executionUrl, Map<String, String> printed) {
    public Endpoints {
      printed = Collections.unmodifiableMap(new LinkedHashMap<>(printed));
    }
  }
}
