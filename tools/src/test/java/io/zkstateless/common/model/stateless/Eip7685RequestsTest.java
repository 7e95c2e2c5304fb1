package io.zkstateless.common.model.stateless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.tools.EestStatelessInputs;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Eip7685RequestsTest {

  @Property(tries = 100)
  void typedRequestsRoundTripThroughTheEngineForm(
      @ForAll @IntRange(max = 3) final int deposits,
      @ForAll @IntRange(max = 3) final int withdrawals,
      @ForAll @IntRange(max = 3) final int consolidations,
      @ForAll final byte fill) {
    final ExecutionRequests requests = requests(deposits, withdrawals, consolidations, fill);

    final List<ImmutableBytes> entries = Eip7685Requests.encode(requests);

    assertThat(entries)
        .hasSize((deposits > 0 ? 1 : 0) + (withdrawals > 0 ? 1 : 0) + (consolidations > 0 ? 1 : 0));
    assertThat(entries.stream().map(e -> e.size() - 1))
        .allMatch(size -> size % 192 == 0 || size % 76 == 0 || size % 116 == 0);
    assertThat(Eip7685Requests.decode(entries)).isEqualTo(requests);
    final NewPayloadRequest request = withRequests(requests);
    for (final StatelessSchemaRevision revision : StatelessSchemaRevision.values()) {
      assertThat(
              revision
                  .newPayloadRequestSchema()
                  .decode(revision.newPayloadRequestSchema().encode(request)))
          .isEqualTo(request);
    }
  }

  @Test
  void rejectsMalformedEntries() {
    final ImmutableBytes deposit = Eip7685Requests.encode(requests(1, 0, 0, (byte) 1)).get(0);
    final ImmutableBytes withdrawal = Eip7685Requests.encode(requests(0, 1, 0, (byte) 1)).get(0);
    final byte[] shortDeposit = deposit.toArray();

    assertThatThrownBy(() -> Eip7685Requests.decode(List.of(withdrawal, deposit)))
        .hasMessageContaining("ascend");
    assertThatThrownBy(() -> Eip7685Requests.decode(List.of(ImmutableBytes.of(new byte[] {0}))))
        .hasMessageContaining("no request data");
    assertThatThrownBy(() -> Eip7685Requests.decode(List.of(ImmutableBytes.of(new byte[] {7, 1}))))
        .hasMessageContaining("unknown request type 7");
    assertThatThrownBy(
            () ->
                Eip7685Requests.decode(
                    List.of(ImmutableBytes.copyOf(shortDeposit, 0, shortDeposit.length - 1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static NewPayloadRequest withRequests(final ExecutionRequests requests) {
    final NewPayloadRequest base =
        EestStatelessInputs.build(RecordedEestBlocks.all().get(0)).newPayloadRequest();
    return new NewPayloadRequest(
        base.executionPayload(), base.versionedHashes(), base.parentBeaconBlockRoot(), requests);
  }

  private static ExecutionRequests requests(
      final int deposits, final int withdrawals, final int consolidations, final byte fill) {
    final List<ExecutionRequests.Deposit> d = new ArrayList<>();
    for (int i = 0; i < deposits; i++) {
      d.add(
          new ExecutionRequests.Deposit(
              filled(48, fill),
              Bytes32.fromHex("22".repeat(32)),
              32_000_000_000L,
              filled(96, fill),
              i));
    }
    final List<ExecutionRequests.WithdrawalRequest> w = new ArrayList<>();
    for (int i = 0; i < withdrawals; i++) {
      w.add(new ExecutionRequests.WithdrawalRequest(filled(20, fill), filled(48, (byte) i), i));
    }
    final List<ExecutionRequests.Consolidation> c = new ArrayList<>();
    for (int i = 0; i < consolidations; i++) {
      c.add(
          new ExecutionRequests.Consolidation(
              filled(20, fill), filled(48, fill), filled(48, (byte) i)));
    }
    return new ExecutionRequests(d, w, c, List.of(), List.of());
  }

  private static ImmutableBytes filled(final int size, final byte value) {
    final byte[] bytes = new byte[size];
    java.util.Arrays.fill(bytes, value);
    return ImmutableBytes.of(bytes);
  }
}
