package io.zkstateless.prover.proving.zkboost;

import io.zkstateless.common.model.electra.ElectraNewPayloadRequest;
import io.zkstateless.prover.jobs.BlockRef;

/** Where the zkboost worker gets the {@code NewPayloadRequest} of a block it must prove. */
public interface NewPayloadRequestSource {

  /**
   * @throws io.zkstateless.prover.proving.ProvingException why there is none (no beacon block,
   *     beacon node unavailable, malformed block)
   */
  ElectraNewPayloadRequest forBlock(BlockRef block);
}
