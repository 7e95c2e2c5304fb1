package io.zkstateless.broadcaster.publish;

import java.time.Instant;

/**
 * The latest known state of one proof (block hash and subnet) in this process.
 *
 * @param state retrying, published, dropped or dead_lettered
 * @param attempts attempts made so far
 * @param peersReached peers reached by the last attempt
 * @param reason the last failure or the terminal reason
 * @param updatedAt when this state was recorded
 */
public record BroadcastStatus(
    String blockHash,
    int subnet,
    String state,
    int attempts,
    int peersReached,
    String reason,
    Instant updatedAt) {}
