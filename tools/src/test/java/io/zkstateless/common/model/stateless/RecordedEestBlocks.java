package io.zkstateless.common.model.stateless;

import io.zkstateless.common.test.Fixtures;
import io.zkstateless.tools.EestFixtureBlock;
import io.zkstateless.tools.EestFixtureFile;
import io.zkstateless.tools.UnreadableFixtureException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every block of every recorded EEST zkevm fixture, read through the tools' own reader; each
 * block's {@code source} is the fixture's short name (as in {@link Fixtures#EEST}).
 */
final class RecordedEestBlocks {

  private static final List<EestFixtureBlock> ALL = load();

  private RecordedEestBlocks() {}

  static List<EestFixtureBlock> all() {
    return ALL;
  }

  private static List<EestFixtureBlock> load() {
    final List<EestFixtureBlock> blocks = new ArrayList<>();
    for (final String name : Fixtures.EEST) {
      try {
        blocks.addAll(
            EestFixtureBlock.all(
                EestFixtureFile.parse(Fixtures.bytes("fixtures/eest/" + name + ".json.gz"), name)));
      } catch (final UnreadableFixtureException e) {
        throw new IllegalStateException(e);
      }
    }
    return List.copyOf(blocks);
  }
}
