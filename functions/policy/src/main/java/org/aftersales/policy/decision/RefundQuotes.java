package org.aftersales.policy.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimCoverage;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.InspectedCondition;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ProblemType;
import org.aftersales.policy.state.ReturnItem;
import org.aftersales.policy.state.ReturnReason;
import org.aftersales.policy.state.UnitStatus;

/**
 * What a cancellation, return, claim outcome or change before processing would refund (or, for a
 * dearer change, ask to be paid) right now (openapi.yaml "POST /refunds/quote"), computed by
 * running the very policy decisions the real operations run ({@link CancellationPolicy}, {@link
 * ReturnPolicy} + {@link InspectionPolicy}, {@link DoaPolicy} + {@link ClaimOutcomePolicy}, {@link
 * ChangePolicy}) on the stored order and keeping only the refund they grant. Pure: the order they
 * return is thrown away, nothing is written.
 *
 * <p>The refunds function's {@code POST /refunds/quote} runs it on the order it read.
 *
 * <p>A return is quoted as authorised now and received in mint condition with the listed missing
 * parts (RET-4, RET-5); a claim as decided now with the given outcome (DOA-4, DOA-5), on the unit
 * whose claim is open, else on the unit a new claim would take (DOA-1).
 */
public final class RefundQuotes {

  /** The cause id the hypothetical operation runs under; never written. */
  static final String QUOTE_ID = "quote";

  private RefundQuotes() {}

  /** What to quote. */
  public sealed interface QuoteRequest
      permits CancellationQuote, ReturnQuote, ClaimQuote, ChangeQuote, WithdrawalQuote {
    RefundSource kind();
  }

  /**
   * A cancellation of {@code lines}, or of everything cancellable when {@code lines} is null
   * (CAN-1..5).
   */
  public record CancellationQuote(List<CancellationPolicy.LineRequest> lines)
      implements QuoteRequest {
    public CancellationQuote {
      lines = lines == null ? null : List.copyOf(lines);
    }

    @Override
    public RefundSource kind() {
      return RefundSource.CANCELLATION;
    }
  }

  /**
   * Units of a line to return, why, the declared condition and the parts that would be missing
   * (RET-5).
   */
  public record ReturnQuoteLine(
      String lineId,
      int quantity,
      ReturnReason reason,
      ItemCondition condition,
      List<String> missingComponents) {
    public ReturnQuoteLine {
      missingComponents = missingComponents == null ? List.of() : List.copyOf(missingComponents);
    }
  }

  /** A conditional return of {@code lines} (RET-1..RET-6). */
  public record ReturnQuote(List<ReturnQuoteLine> lines) implements QuoteRequest {
    public ReturnQuote {
      lines = List.copyOf(lines);
    }

    @Override
    public RefundSource kind() {
      return RefundSource.RETURN;
    }
  }

  /** A DOA claim on {@code lineId} decided with a refunding {@code outcome} (DOA-4, DOA-5). */
  public record ClaimQuote(String lineId, ClaimOutcome outcome, String componentId, Long amount)
      implements QuoteRequest {
    public ClaimQuote {
      Objects.requireNonNull(outcome, "outcome");
    }

    @Override
    public RefundSource kind() {
      return RefundSource.CLAIM;
    }
  }

  /** A change before processing (CHG-1…CHG-3): the body of {@code POST /orders/{id}/changes}. */
  public record ChangeQuote(ChangePolicy.ChangeRequest change) implements QuoteRequest {
    public ChangeQuote {
      Objects.requireNonNull(change, "change");
    }

    @Override
    public RefundSource kind() {
      return RefundSource.CHANGE;
    }
  }

  /**
   * A withdrawal of {@code lines} (LAW-1, LAW-2), or of every delivered unit that can be withdrawn
   * when {@code lines} is null: quoted as received now with no deduction.
   */
  public record WithdrawalQuote(List<WithdrawalPolicy.WithdrawalLine> lines)
      implements QuoteRequest {
    public WithdrawalQuote {
      lines = lines == null ? null : List.copyOf(lines);
    }

    @Override
    public RefundSource kind() {
      return RefundSource.WITHDRAWAL;
    }
  }

  /**
   * The refund the operation would grant now (null: nothing would be refunded, e.g. CAN-8), what a
   * dearer change would ask the customer to pay (null for the other kinds and cheaper changes), and
   * the rules that decided it.
   */
  public record Quote(RefundSource kind, Refund refund, Money amountDue, Explanation explanation) {
    public Quote(RefundSource kind, Refund refund, Explanation explanation) {
      this(kind, refund, null, explanation);
    }
  }

  /** The quote, or the refusal the real operation would answer. */
  public static Decision<Quote> quote(
      Order order, PolicyDocument policy, QuoteRequest request, Instant now) {
    return switch (request) {
      case CancellationQuote c -> cancellation(order, policy, c, now);
      case ReturnQuote r -> returned(order, policy, r, now);
      case ClaimQuote c -> claim(order, policy, c, now);
      case ChangeQuote c -> change(order, policy, c, now);
      case WithdrawalQuote w -> withdrawal(order, policy, w, now);
    };
  }

  /**
   * LAW-1, LAW-2: the withdrawal {@code POST /orders/{id}/withdrawals} would take, received now.
   */
  private static Decision<Quote> withdrawal(
      Order order, PolicyDocument policy, WithdrawalQuote request, Instant now) {
    Decision<ReturnUpdate> withdrawn =
        WithdrawalPolicy.withdraw(
            order,
            policy,
            WithdrawalPolicy.factsOf(order),
            WithdrawalPolicy.RETURN_ID_PREFIX + QUOTE_ID,
            request.lines(),
            now);
    if (!withdrawn.accepted()) {
      return Decision.refuse(withdrawn.refusal());
    }
    Decision<ReturnUpdate> received =
        WithdrawalPolicy.receive(
            withdrawn.value().returnCase(), withdrawn.value().order(), policy, Map.of(), now);
    if (!received.accepted()) {
      return Decision.refuse(received.refusal());
    }
    Explanation why = withdrawn.explanation().and(received.explanation());
    return Decision.accept(new Quote(RefundSource.WITHDRAWAL, received.value().refund(), why), why);
  }

  /** CHG-2, CHG-3: the very decision {@code POST /orders/{id}/changes} takes, not written. */
  private static Decision<Quote> change(
      Order order, PolicyDocument policy, ChangeQuote request, Instant now) {
    return ChangePolicy.request(order, policy, QUOTE_ID, "quote", request.change(), now)
        .map(
            c ->
                new Quote(
                    RefundSource.CHANGE,
                    c.refund(),
                    c.change() == null ? null : c.change().amountDue(),
                    c.explanation()));
  }

  private static Decision<Quote> cancellation(
      Order order, PolicyDocument policy, CancellationQuote request, Instant now) {
    return CancellationPolicy.cancel(order, policy, QUOTE_ID, request.lines(), now)
        .map(c -> new Quote(RefundSource.CANCELLATION, c.refund(), c.explanation()));
  }

  private static Decision<Quote> returned(
      Order order, PolicyDocument policy, ReturnQuote request, Instant now) {
    List<ReturnPolicy.ReturnLine> lines =
        request.lines().stream()
            .map(
                l ->
                    new ReturnPolicy.ReturnLine(
                        l.lineId(), l.quantity(), l.reason(), l.condition()))
            .toList();
    Decision<ReturnUpdate> authorized = ReturnPolicy.authorize(order, policy, QUOTE_ID, lines, now);
    if (!authorized.accepted()) {
      return Decision.refuse(authorized.refusal());
    }
    ReturnUpdate authorization = authorized.value();
    // authorize() lists the units request line by request line, quantity each: give each its parts.
    List<ReturnItem> items = authorization.returnCase().items();
    List<InspectionPolicy.UnitInspection> inspections = new ArrayList<>();
    int next = 0;
    for (ReturnQuoteLine line : request.lines()) {
      for (int i = 0; i < line.quantity(); i++) {
        inspections.add(
            new InspectionPolicy.UnitInspection(
                items.get(next++).unit(), InspectedCondition.MINT, line.missingComponents()));
      }
    }
    Decision<ReturnUpdate> received =
        InspectionPolicy.receive(
            authorization.returnCase(), authorization.order(), policy, inspections, null, now);
    if (!received.accepted()) {
      return Decision.refuse(received.refusal());
    }
    Explanation why = Explanation.empty();
    for (RuleLine line : authorized.explanation().lines()) {
      if (line.ruleId().equals("RET-1")) {
        why = why.and(line.ruleId(), line.text());
      }
    }
    why =
        why.and(
            "RET-6",
            "Assuming every item arrives in mint condition with what is listed; an item that is"
                + " not in mint condition is refused on inspection.");
    for (RuleLine line : received.explanation().lines()) {
      if (!line.ruleId().equals("RET-6")) {
        why = why.and(line.ruleId(), line.text());
      }
    }
    return Decision.accept(new Quote(RefundSource.RETURN, received.value().refund(), why), why);
  }

  private static Decision<Quote> claim(
      Order order, PolicyDocument policy, ClaimQuote request, Instant now) {
    Optional<UnitRef> claimed =
        order.spec().line(request.lineId()).isEmpty()
            ? Optional.empty()
            : order.unitsOfLine(request.lineId()).stream()
                .filter(u -> order.statusOf(u) == UnitStatus.CLAIM_OPEN)
                .findFirst();
    ClaimCase claim;
    Order base;
    Explanation why = Explanation.empty();
    if (claimed.isPresent()) {
      claim =
          new ClaimCase(
              QUOTE_ID,
              order.orderId(),
              request.lineId(),
              claimed.get(),
              ProblemType.NOT_WORKING,
              null,
              ClaimStatus.UNDER_REVIEW,
              now,
              now,
              Set.of(EvidenceKind.values()),
              List.of(),
              null,
              null,
              ClaimCoverage.STORED_DOA,
              null);
      base = order;
    } else {
      Decision<ClaimUpdate> opened =
          DoaPolicy.open(
              order, policy, QUOTE_ID, request.lineId(), ProblemType.NOT_WORKING, null, now);
      if (!opened.accepted()) {
        return Decision.refuse(opened.refusal());
      }
      why = Explanation.of("DOA-1", opened.explanation().lines().getFirst().text());
      claim = opened.value().claim();
      for (EvidenceKind kind : EvidenceKind.values()) {
        claim = DoaPolicy.evidenceAccepted(claim, kind, now).value();
      }
      base = opened.value().order();
    }
    Decision<ClaimUpdate> decided =
        ClaimOutcomePolicy.decide(
            claim,
            base,
            policy,
            request.outcome(),
            request.componentId(),
            request.amount(),
            "quote",
            now);
    if (!decided.accepted()) {
      return Decision.refuse(decided.refusal());
    }
    why = why.and(decided.explanation());
    return Decision.accept(new Quote(RefundSource.CLAIM, decided.value().refund(), why), why);
  }
}
