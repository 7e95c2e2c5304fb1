package io.zkstateless.common.p2p.eth2.reqresp;

import java.nio.charset.StandardCharsets;

/**
 * One decoded response chunk: the result code and its SSZ payload (the message on success, an
 * {@code ErrorMessage} byte list otherwise).
 */
public record ResponseChunk(int resultCode, byte[] payload) {

  public static final int SUCCESS = 0;
  public static final int INVALID_REQUEST = 1;
  public static final int SERVER_ERROR = 2;
  public static final int RESOURCE_UNAVAILABLE = 3;

  /**
   * Client-specific (128–255): Lighthouse's (and Grandine's) RateLimited, which it sends to a peer
   * with more than {@code MAX_CONCURRENT_REQUESTS} requests of one protocol in flight. The spec
   * names no code for that; Lodestar recognises a rate limit by the message text.
   */
  public static final int RATE_LIMITED = 139;

  /** {@code ErrorMessage = List[byte, 256]}. */
  public static final int MAX_ERROR_MESSAGE_SIZE = 256;

  public ResponseChunk {
    payload = payload.clone();
  }

  public boolean isSuccess() {
    return resultCode == SUCCESS;
  }

  /** The error text, read as UTF-8 (malformed sequences are replaced, as the spec allows). */
  public String errorMessage() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }
}
