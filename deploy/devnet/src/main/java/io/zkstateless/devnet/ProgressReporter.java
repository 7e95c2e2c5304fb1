package io.zkstateless.devnet;

import io.zkstateless.common.model.proof.ProofTypeRegistry;
import java.io.PrintStream;
import java.net.URI;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line per slot: the chain's slot, the validator's optimistic, proven and finalized heads, the
 * gap, and proofs verified per subnet. Stops when the duration is over (0 = never) or when a
 * process has died (exit code 1).
 */
public final class ProgressReporter {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final DevnetOptions options;
  private final ServiceClient validator;
  private final BeaconHead beacon;
  private final ProcessSupervisor supervisor;
  private final PrintStream out;
  private final long startedNanos;
  private long firstProvenSlot = -1;
  private boolean reportedFirstProven;

  public ProgressReporter(
      final DevnetOptions options,
      final URI validator,
      final URI beacon,
      final ProcessSupervisor supervisor,
      final PrintStream out,
      final long startedNanos) {
    this.options = options;
    this.startedNanos = startedNanos;
    this.validator = new ServiceClient(validator);
    this.beacon = new BeaconHead(beacon);
    this.supervisor = supervisor;
    this.out = out;
  }

  /** Prints until done; 0 when the duration ran out, 1 when a process died. */
  public int run() throws InterruptedException {
    final long end =
        options.duration().isZero()
            ? Long.MAX_VALUE
            : System.nanoTime() + options.duration().toNanos();
    long lastSlot = -1;
    while (System.nanoTime() < end && !supervisor.stopping()) {
      final Optional<ProcessSupervisor.Owned> dead = supervisor.firstExited();
      if (dead.isPresent()) {
        out.printf(
            "devnet: %s (pid %d) exited unexpectedly; see %s%n",
            dead.get().name(), dead.get().handle().pid(), dead.get().log());
        return 1;
      }
      final long slot = beacon.slot().orElse(lastSlot);
      if (slot != lastSlot) {
        final Optional<ServiceClient.Heads> heads = validator.heads();
        out.println(line(slot, heads));
        heads.ifPresent(this::reportFirstProven);
        lastSlot = slot;
      }
      Thread.sleep(Math.min(500, options.slotTime().toMillis() / 4));
    }
    return 0;
  }

  /** Once: how long from the launcher's start until the proven head first moved. */
  private void reportFirstProven(final ServiceClient.Heads heads) {
    final long proven = heads.proven().slot();
    if (firstProvenSlot < 0) {
      firstProvenSlot = proven;
    } else if (!reportedFirstProven && proven > firstProvenSlot) {
      reportedFirstProven = true;
      out.printf(
          "devnet: first block proven (slot %d) %d s after start%n",
          proven, (System.nanoTime() - startedNanos) / 1_000_000_000L);
    }
  }

  private String line(final long slot, final Optional<ServiceClient.Heads> heads) {
    final String time = LocalTime.now().format(TIME);
    if (heads.isEmpty()) {
      return String.format("[%s] slot %d | validator: no heads yet", time, slot);
    }
    final ServiceClient.Heads h = heads.get();
    final Map<String, Long> results = validator.proofsByResult();
    return String.format(
        "[%s] slot %d | optimistic %d (#%d) | proven %d (#%d) | gap %d | finalized %d | %s"
            + " | accepted %d rejected %d",
        time,
        slot,
        h.optimistic().slot(),
        h.optimistic().executionNumber(),
        h.proven().slot(),
        h.proven().executionNumber(),
        h.gapSlots(),
        h.finalized().slot(),
        perSubnet(validator.verifiedPerProofType()),
        results.getOrDefault("accept", 0L),
        results.getOrDefault("reject", 0L));
  }

  /** "subnet 0 witness=12, subnet 7 mock=13", for every configured proof type. */
  private String perSubnet(final Map<String, Long> verified) {
    final StringJoiner joiner = new StringJoiner(", ", "proofs ", "");
    for (final String type : options.proofTypes()) {
      joiner.add(
          "subnet "
              + ProofTypeRegistry.DEFAULT_TYPES.get(type)
              + " "
              + type
              + "="
              + verified.getOrDefault(type, 0L));
    }
    return joiner.toString();
  }

  /** The beacon node's head slot. */
  private static final class BeaconHead {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpGet http;

    BeaconHead(final URI beacon) {
      this.http = new HttpGet(beacon);
    }

    Optional<Long> slot() {
      return http.get("/eth/v1/beacon/headers/head")
          .flatMap(
              body -> {
                try {
                  final JsonNode slot =
                      JSON.readTree(body).path("data").path("header").path("message").path("slot");
                  return slot.isMissingNode() ? Optional.empty() : Optional.of(slot.asLong());
                } catch (final JacksonException e) {
                  return Optional.empty();
                }
              });
    }
  }
}
