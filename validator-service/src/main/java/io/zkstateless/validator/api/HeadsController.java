package io.zkstateless.validator.api;

import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.chain.ChainHeads;
import io.zkstateless.validator.tracking.ProvenChainService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The dual view: optimistic, proven and finalized heads and the gap between them. */
@RestController
@RequestMapping("/api/v1")
public class HeadsController {

  private final ProvenChainService chain;

  public HeadsController(final ProvenChainService chain) {
    this.chain = chain;
  }

  @GetMapping("/heads")
  public Mono<HeadsResponse> heads() {
    // The service is synchronized with writers; keep the wait off the event loop.
    return Mono.fromCallable(() -> chain.heads().map(HeadsResponse::of))
        .subscribeOn(Schedulers.boundedElastic())
        .map(heads -> heads.orElseThrow(() -> new ResponseStatusException(
            HttpStatus.SERVICE_UNAVAILABLE, "No finalized checkpoint yet: the beacon node has not been reached")));
  }

  /** Heads as JSON; roots and hashes as 0x hex, slots as numbers. */
  public record HeadsResponse(BlockView optimistic, BlockView proven, BlockView latestProven, BlockView finalized, long gapSlots) {
    static HeadsResponse of(final ChainHeads heads) {
      return new HeadsResponse(
          BlockView.of(heads.optimisticHead()),
          BlockView.of(heads.provenHead()),
          BlockView.of(heads.latestProven()),
          BlockView.of(heads.finalized()),
          heads.gapSlots());
    }
  }

  /** A block in API answers. */
  public record BlockView(String root, long slot, String executionBlockHash, long executionBlockNumber) {
    static BlockView of(final BeaconBlock block) {
      return new BlockView(
          block.root().toHexString(), block.slot(), block.executionBlockHash().toHexString(), block.executionBlockNumber());
    }
  }
}
