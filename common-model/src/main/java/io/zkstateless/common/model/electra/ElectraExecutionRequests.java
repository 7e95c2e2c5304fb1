package io.zkstateless.common.model.electra;

import io.zkstateless.common.model.stateless.ExecutionRequests.Consolidation;
import io.zkstateless.common.model.stateless.ExecutionRequests.Deposit;
import io.zkstateless.common.model.stateless.ExecutionRequests.WithdrawalRequest;
import java.util.List;

/**
 * The Electra {@code ExecutionRequests} container (EIP-7685 requests as the beacon block carries
 * them): deposits, withdrawal requests, consolidations. Gloas adds builder lists, so the Amsterdam
 * {@link io.zkstateless.common.model.stateless.ExecutionRequests} is a different type; the request
 * records themselves are shared.
 */
public record ElectraExecutionRequests(
    List<Deposit> deposits, List<WithdrawalRequest> withdrawals, List<Consolidation> consolidations) {

  public static final ElectraExecutionRequests EMPTY =
      new ElectraExecutionRequests(List.of(), List.of(), List.of());

  public ElectraExecutionRequests {
    deposits = List.copyOf(deposits);
    withdrawals = List.copyOf(withdrawals);
    consolidations = List.copyOf(consolidations);
  }
}
