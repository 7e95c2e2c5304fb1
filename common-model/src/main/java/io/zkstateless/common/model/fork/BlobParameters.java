package io.zkstateless.common.model.fork;

/** One entry of the Fulu {@code BLOB_SCHEDULE}: from {@code epoch} on, {@code maxBlobsPerBlock}. */
public record BlobParameters(long epoch, long maxBlobsPerBlock) {

  public BlobParameters {
    if (epoch < 0 || maxBlobsPerBlock < 0) {
      throw new IllegalArgumentException(
          "blob parameters must not be negative: " + epoch + ", " + maxBlobsPerBlock);
    }
  }
}
