package io.zkstateless.tools;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.stateless.StatelessInput;
import io.zkstateless.common.model.stateless.StatelessSchemaRevision;
import java.util.Arrays;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks one EEST block: builds its stateless input from the block RLP, block access list and
 * witness, and compares it with the fixture's {@code statelessInputBytes}; the built request root
 * must also be the first 32 bytes of {@code statelessOutputBytes}. A block that cannot be built is
 * a mismatch whose problem says why, never an exception.
 */
public final class BlockChecker {

  static final StatelessSchemaRevision REVISION = StatelessSchemaRevision.EEST_V0_3_3;

  private BlockChecker() {}

  static BlockVerdict check(final EestTest test, final int index) {
    final String number = numberOrUnknown(test, index);
    final EestFixtureBlock block;
    final byte[] built;
    final Bytes32 root;
    try {
      block = EestFixtureBlock.of(test, index);
      final StatelessInput input = EestStatelessInputs.build(block);
      built = REVISION.encodeInput(input);
      root = REVISION.newPayloadRequestRoot(input.newPayloadRequest());
    } catch (final MalformedFixtureException | DecodeException | IllegalArgumentException e) {
      return cannotBuild(test, index, number, e.getMessage());
    } catch (final RuntimeException e) {
      // Not a documented failure of the builders: still one verdict per block, but say it is a bug.
      return cannotBuild(test, index, number, "unexpected " + e + " (a bug in the builder)");
    }
    return new BlockVerdict(
        test.name(),
        index,
        number,
        root.toHexString(),
        Hashes.sha256(built).toHexString(),
        inputProblem(built, block.statelessInputBytes())
            .or(() -> rootProblem(root, block.statelessOutputBytes())));
  }

  private static BlockVerdict cannotBuild(
      final EestTest test, final int index, final String number, final String reason) {
    // A block the fixture expects clients to reject may carry no input to compare; say so.
    final JsonNode expectException = test.blocks().get(index).get("expectException");
    final String expected =
        expectException == null ? "" : " (the block expects exception " + expectException + ")";
    return new BlockVerdict(
        test.name(),
        index,
        number,
        BlockVerdict.UNKNOWN,
        BlockVerdict.UNKNOWN,
        Optional.of("cannot build the stateless input: " + reason + expected));
  }

  private static String numberOrUnknown(final EestTest test, final int index) {
    try {
      return Long.toString(
          EestFixtureBlock.number(test.blocks().get(index), "blocks[" + index + "]"));
    } catch (final MalformedFixtureException e) {
      return BlockVerdict.UNKNOWN;
    }
  }

  /** The first differing offset and the field it falls in, named from our own well-formed bytes. */
  public static Optional<String> inputProblem(final byte[] built, final byte[] expected) {
    final int mismatch = Arrays.mismatch(built, expected);
    if (mismatch < 0) {
      return Optional.empty();
    }
    final String field =
        mismatch < built.length
            ? SszFieldLocator.locate(REVISION.statelessInputSchema(), built, mismatch)
            : SszFieldLocator.locate(REVISION.statelessInputSchema(), expected, mismatch);
    return Optional.of(
        "stateless input differs at offset "
            + mismatch
            + " in "
            + field
            + " (built "
            + built.length
            + " bytes, fixture "
            + expected.length
            + ")");
  }

  private static Optional<String> rootProblem(final Bytes32 root, final byte[] output) {
    if (output.length < Bytes32.SIZE) {
      return Optional.of(
          "statelessOutputBytes is " + output.length + " bytes, too short to hold a request root");
    }
    final Bytes32 expected = Bytes32.wrap(output, 0);
    return root.equals(expected)
        ? Optional.empty()
        : Optional.of(
            "new_payload_request_root is "
                + root
                + ", statelessOutputBytes commits to "
                + expected);
  }
}
