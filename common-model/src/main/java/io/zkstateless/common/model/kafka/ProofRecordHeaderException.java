package io.zkstateless.common.model.kafka;

import io.zkstateless.common.model.codec.DecodeException;

/** A Kafka record header of a proof record is missing or malformed; names the header. */
public final class ProofRecordHeaderException extends DecodeException {

  private final String header;

  public ProofRecordHeaderException(final String header, final String problem) {
    super("Kafka header " + header, 0, problem);
    this.header = header;
  }

  public String header() {
    return header;
  }
}
