package io.zkstateless.validator.api;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.validator.store.ProofStore;
import io.zkstateless.validator.store.ProofSummary;
import io.zkstateless.validator.tracking.ProvenChainService;
import io.zkstateless.validator.tracking.ProvenChainService.BlockStatus;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Blocks with their proof status, the proven chain page by page, and stored proofs. */
@RestController
@RequestMapping("/api/v1")
public class BlocksController {

  static final int MAX_PAGE = 256;

  private final ProvenChainService chain;
  private final ProofStore proofs;

  public BlocksController(final ProvenChainService chain, final ProofStore proofs) {
    this.chain = chain;
    this.proofs = proofs;
  }

  /** A block by beacon block root or execution block hash (0x + 64 hex). */
  @GetMapping("/blocks/{id}")
  public Mono<BlockResponse> block(@PathVariable final String id) {
    final Bytes32 key = parse(id);
    return blocking(() -> {
      final BlockStatus status = chain.status(key).orElseThrow(() ->
          new ResponseStatusException(HttpStatus.NOT_FOUND, "no block " + id + " since the finalized checkpoint"));
      return BlockResponse.of(status, proofs.summariesFor(status.block().executionBlockHash()));
    });
  }

  /** Canonical blocks from {@code from_slot} (default: the finalized checkpoint), up to {@code limit}. */
  @GetMapping("/proven-chain")
  public Mono<List<ChainEntry>> provenChain(
      @RequestParam(name = "from_slot", defaultValue = "0") final long fromSlot,
      @RequestParam(name = "limit", defaultValue = "64") final int limit) {
    if (fromSlot < 0 || limit < 1 || limit > MAX_PAGE) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from_slot must be >= 0 and limit 1.." + MAX_PAGE);
    }
    return blocking(() -> chain.canonicalPage(fromSlot, limit).stream().map(ChainEntry::of).toList());
  }

  @GetMapping("/proofs/{id}")
  public Mono<ProofView> proof(@PathVariable final long id) {
    return blocking(() -> proofs.summary(id).map(ProofView::of).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "no proof " + id)));
  }

  private static Bytes32 parse(final String id) {
    try {
      return Bytes32.fromHex(id);
    } catch (final IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "id must be a 0x-prefixed 32-byte hex root or hash");
    }
  }

  private static <T> Mono<T> blocking(final java.util.concurrent.Callable<T> call) {
    return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
  }

  /** One canonical block and whether it is proven. */
  public record ChainEntry(HeadsController.BlockView block, boolean proven) {
    static ChainEntry of(final BlockStatus status) {
      return new ChainEntry(HeadsController.BlockView.of(status.block()), status.proven());
    }
  }

  /** A block, its status and its stored proofs. */
  public record BlockResponse(HeadsController.BlockView block, boolean canonical, boolean proven, List<ProofView> proofs) {
    static BlockResponse of(final BlockStatus status, final List<ProofSummary> proofs) {
      return new BlockResponse(
          HeadsController.BlockView.of(status.block()), status.canonical(), status.proven(),
          proofs.stream().map(ProofView::of).toList());
    }
  }

  /** A stored proof without its bytes. */
  public record ProofView(long id, String blockHash, int proofType, long version, String timestamp, int sizeBytes, String source, String receivedAt) {
    static ProofView of(final ProofSummary p) {
      return new ProofView(p.id(), p.blockHash().toHexString(), p.proofType(), p.version(),
          Long.toUnsignedString(p.proofTimestamp()), p.sizeBytes(), p.source(), p.receivedAt().toString());
    }
  }
}
