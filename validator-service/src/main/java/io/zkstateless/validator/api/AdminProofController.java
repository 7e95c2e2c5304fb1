package io.zkstateless.validator.api;

import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.validator.ingest.IngestResult;
import io.zkstateless.validator.ingest.ProofIngestionPipeline;
import io.zkstateless.validator.ingest.ProofSource;
import java.util.OptionalInt;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Admin: submit a proof through the same pipeline as gossip and Kafka. */
@RestController
@RequestMapping("/api/v1/admin")
public class AdminProofController {

  private final ProofIngestionPipeline pipeline;

  public AdminProofController(final ProofIngestionPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** Body: the SSZ bytes of an {@code ExecutionProof}. Answers the verdict; 400 if undecodable. */
  @PostMapping(path = "/proofs", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
  public Mono<IngestResult> submit(@RequestBody final byte[] ssz) {
    return Mono.fromCallable(() -> pipeline.ingest(decode(ssz), ProofSource.admin(), OptionalInt.empty()))
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** Throws {@link io.zkstateless.common.model.codec.DecodeException}, answered as 400. */
  private static ExecutionProof decode(final byte[] ssz) {
    return ExecutionProofSchema.DEFAULT.decode(ssz);
  }
}
