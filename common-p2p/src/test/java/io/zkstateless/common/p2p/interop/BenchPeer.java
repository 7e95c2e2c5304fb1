package io.zkstateless.common.p2p.interop;

import java.time.Duration;

/**
 * One side of a {@link GossipBenchmark} pair, in this JVM ({@link JavaBenchPeer}) or in a js-libp2p
 * process ({@link JsBenchPeer}). Messages are {@link BenchProofs}; sequence numbers are unique per
 * pair so the seen cache never drops one.
 */
interface BenchPeer extends AutoCloseable {

  String name();

  String peerId();

  /** Our listen address with {@code /p2p/<id>}. */
  String address();

  /** Subscribes; every delivered message is decoded, timed and ACCEPTed. */
  void subscribe(String topic) throws Exception;

  /** Returns once {@code peerId} (a peer we dialled) is known to be subscribed to {@code topic}. */
  void awaitSubscriber(String topic, String peerId) throws Exception;

  /** Publishes {@code count} messages back to back; may return before they are all sent. */
  void publish(String topic, long firstSeq, int count, int size) throws Exception;

  /** Publishes {@code count} messages, one every {@code intervalNanos}; returns when done. */
  void paced(String topic, long firstSeq, int count, int size, long intervalNanos) throws Exception;

  /** Lets {@link #awaitDelivered} see every delivery (js: a line per message), or not. */
  void trackDeliveries(boolean track) throws Exception;

  /** Waits until this subscriber has delivered {@code count} messages in all. */
  void awaitDelivered(long count, Duration timeout) throws Exception;

  /** Messages delivered to the application so far. */
  long delivered() throws Exception;

  /** CPU time its process has used so far (this JVM, or the node process). */
  long processCpuNanos();

  /** Publish-to-delivery latencies (ns) recorded since the last call. */
  long[] takeLatencies() throws Exception;
}
