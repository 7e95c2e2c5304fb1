package io.zkstateless.broadcaster.api;

import io.zkstateless.broadcaster.gossip.GossipReadiness;
import io.zkstateless.broadcaster.publish.BroadcastStatus;
import io.zkstateless.broadcaster.publish.BroadcastStatusBook;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Admin: what happened to a block's proofs, and who we can publish to. */
@RestController
@RequestMapping("/api/v1/admin")
public class BroadcastController {

  private static final Pattern BLOCK_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");

  private final BroadcastStatusBook statuses;
  private final GossipReadiness gossip;

  public BroadcastController(final BroadcastStatusBook statuses, final GossipReadiness gossip) {
    this.statuses = statuses;
    this.gossip = gossip;
  }

  /** The latest state per subnet of the block's proofs; 400 on a malformed hash, 404 if unknown. */
  @GetMapping("/broadcasts/{blockHash}")
  public List<BroadcastStatus> status(@PathVariable final String blockHash) {
    if (!BLOCK_HASH.matcher(blockHash).matches()) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "block hash must be 0x and 64 hex digits, got " + blockHash.length() + " characters");
    }
    final List<BroadcastStatus> found = statuses.byBlockHash(blockHash.toLowerCase(Locale.ROOT));
    if (found.isEmpty()) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "no broadcast of " + blockHash + " seen recently");
    }
    return found;
  }

  /** Peers per subnet; 503 without a p2p node. */
  @GetMapping("/peers")
  public Map<String, Object> peers() {
    if (!gossip.available()) {
      throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "no p2p node");
    }
    return Map.of("peersPerSubnet", gossip.peersPerSubnet());
  }
}
