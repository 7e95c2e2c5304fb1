package io.zkstateless.broadcaster.retry;

/**
 * One record of the dead-letter topic as the admin API shows it.
 *
 * @param partition DLT partition
 * @param offset DLT offset; with the partition, the handle for a replay
 * @param key record key (the block hash hex), may be null
 * @param blockHash block hash from the value, or null when the value does not decode
 * @param subnet subnet from the value, or -1 when the value does not decode
 * @param timestamp record timestamp, unix milliseconds
 * @param reason why it was dead-lettered
 */
public record DeadLetter(
    int partition,
    long offset,
    String key,
    String blockHash,
    int subnet,
    long timestamp,
    String reason) {}
