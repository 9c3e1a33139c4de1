package org.aftersales.refunds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.decision.ChangePolicy;
import org.aftersales.policy.decision.ClaimOutcomePolicy;
import org.aftersales.policy.decision.ClaimUpdate;
import org.aftersales.policy.decision.DoaPolicy;
import org.aftersales.policy.decision.InspectionPolicy;
import org.aftersales.policy.decision.RefundQuotes;
import org.aftersales.policy.decision.ReturnPolicy;
import org.aftersales.policy.decision.ReturnUpdate;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.InspectedCondition;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.ProblemType;
import org.aftersales.policy.state.ReturnCase;
import org.aftersales.policy.state.ReturnReason;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.OrderUpdates.Change;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Quote == actual: for each kind, the quote answered by {@code POST /refunds/quote} before the
 * operation has exactly the amount, due date and breakdown of the refund the operation then writes
 * on the stored order (through {@link OrderUpdates}, the real conditional write), and the quote
 * itself writes nothing.
 */
@ExtendWith(LocalAwsServers.class)
class QuoteMatchesOperationIT {

  private static final Caller CUSTOMER = Caller.fromJwt(Json.object().put("sub", "c-1"), null);

  private final LocalAws aws;
  private DynamoDbOrderRepository orders;
  private OrderUpdates updates;
  private QuoteRefund quotes;
  private String orderId;
  private final PolicyDocument policy = TestData.policy();

  QuoteMatchesOperationIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    orders = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    updates = new OrderUpdates(orders);
    quotes = new QuoteRefund(orders, TestData.BOOK, Fixtures.CLOCK);
    orderId = aws.uniqueId("o-quote");
    TestData.halfDelivered(orders, orderId);
  }

  private JsonNode quote(RefundQuotes.QuoteRequest request) {
    long versionBefore = orders.find(orderId).orElseThrow().version();
    JsonNode quote = quotes.quote(CUSTOMER, orderId, request);
    assertThat(orders.find(orderId).orElseThrow().version())
        .as("a quote writes nothing")
        .isEqualTo(versionBefore);
    return quote;
  }

  private static void assertSameRefund(JsonNode quote, Refund actual) {
    assertThat(quote.get("amount")).isEqualTo(ApiJson.money(actual.amount()));
    assertThat(quote.get("dueBy").asText()).isEqualTo(actual.dueBy().toString());
    assertThat(quote.get("breakdown")).isEqualTo(ApiJson.breakdown(actual.breakdown()));
  }

  private Refund stored(String refundId) {
    return orders.find(orderId).orElseThrow().refund(refundId).orElseThrow();
  }

  @Test
  void cancellation_CAN_5_quote_equals_the_refund_of_the_cancellation() {
    JsonNode quote = quote(new RefundQuotes.CancellationQuote(null));

    Refund refund =
        updates.apply(
            orderId,
            order -> {
              var cancelled =
                  CancellationPolicy.cancel(order, policy, "c-100", null, Fixtures.NOW).value();
              return Change.of(cancelled.order(), cancelled.refund());
            });

    assertSameRefund(quote, stored(refund.refundId()));
    // Unit L1#1 (parcel P2, not processed): paid 27.49 + delivery share 2.49.
    assertThat(quote.at("/amount/amount").asLong()).isEqualTo(2998);
    assertThat(quote.at("/breakdown/lines/0/label").asText())
        .isEqualTo("Paid price of 1 × HDMI switch");
    assertThat(quote.at("/breakdown/lines/1/label").asText())
        .isEqualTo("Delivery charge share for 1 × HDMI switch");
    assertThat(quote.get("ruleIds").toString()).contains("CAN-1", "CAN-5", "GEN-5");
  }

  @Test
  void return_RET_4_RET_5_quote_equals_the_refund_on_receipt() {
    JsonNode quote =
        quote(
            new RefundQuotes.ReturnQuote(
                List.of(
                    new RefundQuotes.ReturnQuoteLine(
                        "L1",
                        1,
                        ReturnReason.UNWANTED,
                        ItemCondition.MINT_UNUSED,
                        List.of("psu")))));

    ReturnCase authorized =
        updates.apply(
            orderId,
            order -> {
              ReturnUpdate update =
                  ReturnPolicy.authorize(
                          order,
                          policy,
                          "r-100",
                          List.of(
                              new ReturnPolicy.ReturnLine(
                                  "L1", 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED)),
                          Fixtures.NOW)
                      .value();
              return Change.of(update.order(), update.returnCase());
            });
    Refund refund =
        updates.apply(
            orderId,
            order -> {
              ReturnUpdate update =
                  InspectionPolicy.receive(
                          authorized,
                          order,
                          policy,
                          List.of(
                              new InspectionPolicy.UnitInspection(
                                  authorized.units().getFirst(),
                                  InspectedCondition.MINT,
                                  List.of("psu"))),
                          null,
                          Fixtures.NOW)
                      .value();
              return Change.of(update.order(), update.refund());
            });

    assertSameRefund(quote, stored(refund.refundId()));
    // Unit L1#0: paid 27.49 − its delivery share 2.50 − the missing power adapter 8.00.
    assertThat(quote.at("/amount/amount").asLong()).isEqualTo(1699);
    assertThat(quote.at("/breakdown/lines/2/label").asText())
        .isEqualTo("Missing part: power adapter");
    assertThat(quote.at("/breakdown/lines/2/amount/amount").asLong()).isEqualTo(-800);
  }

  @Test
  void
      claim_DOA_5_full_refund_quote_equals_the_refund_of_the_decision_before_and_after_the_claim_opens() {
    JsonNode beforeClaim =
        quote(new RefundQuotes.ClaimQuote("L1", ClaimOutcome.FULL_REFUND, null, null));

    ClaimCase opened =
        updates.apply(
            orderId,
            order -> {
              ClaimUpdate update =
                  DoaPolicy.open(
                          order,
                          policy,
                          "cl-100",
                          "L1",
                          ProblemType.NOT_WORKING,
                          "dead",
                          Fixtures.NOW)
                      .value();
              return Change.of(update.order(), update.claim());
            });
    ClaimCase complete = opened;
    for (EvidenceKind kind : EvidenceKind.values()) {
      complete = DoaPolicy.evidenceAccepted(complete, kind, Fixtures.NOW).value();
    }
    JsonNode whileOpen =
        quote(new RefundQuotes.ClaimQuote("L1", ClaimOutcome.FULL_REFUND, null, null));
    ClaimCase underReview = complete;
    Refund refund =
        updates.apply(
            orderId,
            order -> {
              ClaimUpdate update =
                  ClaimOutcomePolicy.decide(
                          underReview,
                          order,
                          policy,
                          ClaimOutcome.FULL_REFUND,
                          null,
                          null,
                          "Sorry about that",
                          Fixtures.NOW)
                      .value();
              return Change.of(update.order(), update.refund());
            });

    assertSameRefund(beforeClaim, stored(refund.refundId()));
    assertSameRefund(whileOpen, stored(refund.refundId()));
    // Unit L1#0: paid 27.49 + delivery share 2.50.
    assertThat(beforeClaim.at("/amount/amount").asLong()).isEqualTo(2999);
  }

  @Test
  void claim_DOA_4_partial_refund_then_a_return_GEN_4_quotes_equal_what_is_granted() {
    JsonNode partialQuote =
        quote(new RefundQuotes.ClaimQuote("L1", ClaimOutcome.PARTIAL_REFUND, "psu", null));
    ClaimCase opened =
        updates.apply(
            orderId,
            order -> {
              ClaimUpdate update =
                  DoaPolicy.open(
                          order,
                          policy,
                          "cl-200",
                          "L1",
                          ProblemType.NOT_WORKING,
                          "no power",
                          Fixtures.NOW)
                      .value();
              return Change.of(update.order(), update.claim());
            });
    ClaimCase complete = opened;
    for (EvidenceKind kind : EvidenceKind.values()) {
      complete = DoaPolicy.evidenceAccepted(complete, kind, Fixtures.NOW).value();
    }
    ClaimCase underReview = complete;
    Refund partial =
        updates.apply(
            orderId,
            order -> {
              ClaimUpdate update =
                  ClaimOutcomePolicy.decide(
                          underReview,
                          order,
                          policy,
                          ClaimOutcome.PARTIAL_REFUND,
                          "psu",
                          null,
                          "A new adapter's worth",
                          Fixtures.NOW)
                      .value();
              return Change.of(update.order(), update.refund());
            });
    assertSameRefund(partialQuote, stored(partial.refundId()));
    assertThat(partialQuote.at("/amount/amount").asLong()).isEqualTo(800);

    // The same unit returned afterwards: the earlier 8.00 comes off what RET-4 allows for it.
    JsonNode returnQuote =
        quote(
            new RefundQuotes.ReturnQuote(
                List.of(
                    new RefundQuotes.ReturnQuoteLine(
                        "L1", 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED, List.of()))));
    ReturnCase authorized =
        updates.apply(
            orderId,
            order -> {
              ReturnUpdate update =
                  ReturnPolicy.authorize(
                          order,
                          policy,
                          "r-200",
                          List.of(
                              new ReturnPolicy.ReturnLine(
                                  "L1", 1, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED)),
                          Fixtures.NOW)
                      .value();
              return Change.of(update.order(), update.returnCase());
            });
    assertThat(authorized.units()).containsExactly(new UnitRef("L1", 0));
    Refund returned =
        updates.apply(
            orderId,
            order -> {
              ReturnUpdate update =
                  InspectionPolicy.receive(
                          authorized,
                          order,
                          policy,
                          List.of(
                              new InspectionPolicy.UnitInspection(
                                  new UnitRef("L1", 0), InspectedCondition.MINT, List.of())),
                          null,
                          Fixtures.NOW)
                      .value();
              return Change.of(update.order(), update.refund());
            });
    assertSameRefund(returnQuote, stored(returned.refundId()));
    // RET-4 allows 27.49 − 2.50 delivery = 24.99 for the unit in all; the claim already gave 8.00.
    assertThat(returnQuote.at("/amount/amount").asLong()).isEqualTo(1699);
    assertThat(returnQuote.get("breakdown").toString())
        .contains("Already refunded earlier for these items");
  }

  @Test
  void nothing_left_to_cancel_is_the_refusal_the_cancellation_would_answer() {
    updates.apply(
        orderId,
        order -> {
          var cancelled =
              CancellationPolicy.cancel(order, policy, "c-300", null, Fixtures.NOW).value();
          return Change.of(cancelled.order(), cancelled.refund());
        });

    ApiProblem problem =
        catchThrowableOfType(
            ApiProblem.class,
            () -> quotes.quote(CUSTOMER, orderId, new RefundQuotes.CancellationQuote(null)));

    assertThat(problem.status()).isEqualTo(409);
    assertThat(problem.code()).isEqualTo("nothing-to-cancel");
    assertThat(problem.ruleIds()).contains("CAN-4");
  }

  private static RefundQuotes.ChangeQuote replaceUnit1(long unitPrice) {
    return new RefundQuotes.ChangeQuote(
        new ChangePolicy.ChangeRequest(
            List.of(
                new ChangePolicy.UnitRequest(
                    "L1",
                    1,
                    new LineSpec(
                        null,
                        "KW-HDMI-X",
                        "HDMI switch X",
                        "electronics",
                        1,
                        unitPrice,
                        0,
                        0,
                        List.of()))),
            List.of(),
            null));
  }

  /** The change as {@code POST /orders/{id}/changes} makes it: decided and written at once. */
  private ChangePolicy.ChangeOutcome applyChange(RefundQuotes.ChangeQuote request, String id) {
    return updates.apply(
        orderId,
        order -> {
          var changed =
              ChangePolicy.request(
                      order, policy, id, "customer c-1", request.change(), Fixtures.NOW)
                  .value();
          return Change.of(changed.order(), changed);
        });
  }

  @Test
  void change_CHG_3_quote_of_a_cheaper_item_equals_the_refund_of_the_change() {
    RefundQuotes.ChangeQuote request = replaceUnit1(2499);
    JsonNode quote = quote(request);

    Refund refund = applyChange(request, "ch-100").refund();

    assertSameRefund(quote, stored(refund.refundId()));
    assertThat(quote.at("/amount/amount").asLong()).isEqualTo(500);
    assertThat(quote.get("kind").asText()).isEqualTo("CHANGE");
    assertThat(quote.get("ruleIds").toString()).contains("CHG-2", "CHG-3", "GEN-5");
  }

  @Test
  void change_CHG_3_quote_of_a_dearer_item_equals_the_amount_due_of_the_change() {
    RefundQuotes.ChangeQuote request = replaceUnit1(3499);
    JsonNode quote = quote(request);

    var change = applyChange(request, "ch-101").change();

    assertThat(quote.get("amountDue")).isEqualTo(ApiJson.money(change.amountDue()));
    assertThat(quote.at("/amount/amount").asLong()).isZero();
  }
}
