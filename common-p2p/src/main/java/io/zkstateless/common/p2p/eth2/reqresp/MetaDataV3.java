package io.zkstateless.common.p2p.eth2.reqresp;

import java.util.Objects;

/** The Fulu {@code MetaData} (metadata/3): the Altair fields plus the custody group count. */
public record MetaDataV3(MetaData metaData, long custodyGroupCount) {

  public MetaDataV3 {
    Objects.requireNonNull(metaData, "metaData");
  }
}
