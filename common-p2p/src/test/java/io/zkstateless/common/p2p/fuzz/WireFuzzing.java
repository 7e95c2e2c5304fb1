package io.zkstateless.common.p2p.fuzz;

import com.sun.management.ThreadMXBean;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.zkstateless.common.p2p.transport.CloseOnErrorHandler;
import io.zkstateless.common.p2p.transport.ConnectionRejections;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every wire fuzz target checks. For a decoder in a Netty pipeline: whatever bytes arrive, the
 * only failure reaching the end of the pipeline is a protocol violation, after which the connection
 * is closed and counted exactly once in {@link ConnectionRejections}; a connection still open
 * counted nothing; every input buffer was released. For every decoder: it allocates within a budget
 * derived from its documented bounds, however large the lengths the input declares.
 */
public final class WireFuzzing {

  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Added to every budget: exception stack traces and the test's own bookkeeping. */
  private static final long SLACK = 256 * 1024;

  private WireFuzzing() {}

  /** A channel whose last handler is a host's {@link CloseOnErrorHandler}. */
  public record Pipeline(EmbeddedChannel channel, ConnectionRejections rejections) {

    /** A channel with a first handler named {@code head} for muxers to install after. */
    public static Pipeline empty() {
      final EmbeddedChannel channel = new EmbeddedChannel();
      // Heap buffers, so what decoders allocate through the channel shows in the thread's count.
      channel.config().setAllocator(new UnpooledByteBufAllocator(false));
      channel.pipeline().addLast("head", new ChannelInboundHandlerAdapter());
      return new Pipeline(channel, new ConnectionRejections());
    }

    /** Adds the error handler last; call once the handlers under test are in place. */
    public Pipeline closeOnError() {
      channel.pipeline().addLast("close-on-error", new CloseOnErrorHandler(rejections));
      return this;
    }
  }

  /**
   * Splits fuzz input into up to three chunks at the positions its first two bytes pick, so
   * decoders also see messages cut across reads.
   */
  public static List<byte[]> chunks(final byte[] input) {
    if (input.length < 2) {
      return List.of();
    }
    final int length = input.length - 2;
    final int first = Math.min(length, input[0] & 0xff);
    final int second = Math.min(length - first, (input[1] & 0xff) * 8);
    final List<byte[]> chunks = new ArrayList<>();
    chunks.add(Arrays.copyOfRange(input, 2, 2 + first));
    chunks.add(Arrays.copyOfRange(input, 2 + first, 2 + first + second));
    chunks.add(Arrays.copyOfRange(input, 2 + first + second, input.length));
    return chunks;
  }

  /**
   * Feeds {@code chunks} into a pipeline from {@code pipelines} and asserts the pipeline properties
   * above. Over budget, the input runs once more on a fresh pipeline: the first run of a code path
   * also loads (and under Jazzer, instruments) classes, which only a repeat leaves out.
   */
  public static void feed(
      final Supplier<Pipeline> pipelines, final List<byte[]> chunks, final long allocationBudget) {
    if (feedOnce(pipelines.get(), chunks) > allocationBudget + SLACK) {
      final long again = feedOnce(pipelines.get(), chunks);
      if (again > allocationBudget + SLACK) {
        throw new AssertionError(
            "pipeline allocated " + again + " bytes, over its budget of " + allocationBudget);
      }
    }
  }

  private static long feedOnce(final Pipeline pipeline, final List<byte[]> chunks) {
    final EmbeddedChannel channel = pipeline.channel();
    final List<ByteBuf> inputs = new ArrayList<>();
    final long before = allocatedBytes();
    for (final byte[] chunk : chunks) {
      if (channel.isOpen() && chunk.length > 0) {
        final ByteBuf in = Unpooled.wrappedBuffer(chunk);
        inputs.add(in);
        channel.writeInbound(in);
      }
    }
    final long allocated = allocatedBytes() - before;
    channel.checkException();
    final ConnectionRejections rejections = pipeline.rejections();
    if (rejections.unexpectedErrors() != 0) {
      throw new AssertionError("an unexpected error (not a protocol violation) closed the channel");
    }
    if (channel.isOpen() && rejections.protocolViolations() != 0) {
      throw new AssertionError("a violation was counted but the channel is still open");
    }
    if (!channel.isOpen() && rejections.protocolViolations() > 1) {
      throw new AssertionError("one connection counted " + rejections.protocolViolations());
    }
    channel.finishAndReleaseAll();
    for (final ByteBuf in : inputs) {
      if (in.refCnt() != 0) {
        throw new AssertionError("an input buffer was not released");
      }
    }
    return allocated;
  }

  /**
   * Runs a decoder on fuzz input: returns its result, or null if it raised {@code documented};
   * anything else escaping, or allocating beyond {@code allocationBudget} (twice, see {@link
   * #feed}), is a finding.
   */
  public static <T> T decode(
      final Class<? extends RuntimeException> documented,
      final long allocationBudget,
      final Supplier<T> decoder) {
    final long before = allocatedBytes();
    final T result = decodeOnce(documented, decoder);
    if (allocatedBytes() - before > allocationBudget + SLACK) {
      final long again = allocatedBytes();
      decodeOnce(documented, decoder);
      final long allocated = allocatedBytes() - again;
      if (allocated > allocationBudget + SLACK) {
        throw new AssertionError(
            "decoder allocated " + allocated + " bytes, over its budget of " + allocationBudget);
      }
    }
    return result;
  }

  private static <T> T decodeOnce(
      final Class<? extends RuntimeException> documented, final Supplier<T> decoder) {
    try {
      return decoder.get();
    } catch (final RuntimeException e) {
      if (!documented.isInstance(e)) {
        throw new AssertionError("undocumented " + e, e);
      }
      return null;
    }
  }

  /** Runs code that must not throw at all on fuzz input, within {@code allocationBudget}. */
  public static <T> T total(final long allocationBudget, final Supplier<T> code) {
    return decode(NothingIsDocumented.class, allocationBudget, code);
  }

  /** Never thrown: no exception is documented. */
  private static final class NothingIsDocumented extends RuntimeException {}

  private static long allocatedBytes() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }
}
