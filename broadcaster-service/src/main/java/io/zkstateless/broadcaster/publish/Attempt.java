package io.zkstateless.broadcaster.publish;

/**
 * The verdict of one publish attempt: either final (a result to record) or "try again later" with
 * the reason.
 */
public sealed interface Attempt {

  record Final(BroadcastResult result) implements Attempt {}

  record RetryLater(String reason) implements Attempt {}
}
