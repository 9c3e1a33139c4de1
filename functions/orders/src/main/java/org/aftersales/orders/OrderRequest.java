package org.aftersales.orders;

import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.aftersales.policy.law.Buyer;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.Contact;
import org.aftersales.policy.order.EmailSyntax;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.OrderValidation;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.shared.json.JsonBody;

/**
 * Reads the body of {@code PUT /orders/{orderId}} into an {@link OrderSpec}: first field by field
 * (types, formats, ranges), then the order's own rules ({@link OrderValidation}: ids unique, {@code
 * paidTotal} = lines − discounts + tax + delivery (GEN-2), every unit in exactly one parcel, and
 * the size caps that keep the order item under DynamoDB's 400 KB: at most {@value
 * OrderValidation#MAX_LINES} lines, {@value OrderValidation#MAX_UNITS} units, {@value
 * OrderValidation#MAX_PARCELS} parcels, {@value OrderValidation#MAX_COMPONENTS_PER_LINE} components
 * per line, texts of {@value OrderValidation#MAX_TEXT_BYTES} bytes), and the optional {@code
 * contact} (MSG-3), {@code buyer} and delivery countries. Every offending field goes into one
 * {@code 400}.
 */
final class OrderRequest {

  /** A line can not hold more units than the whole order may. */
  static final int MAX_QUANTITY = OrderValidation.MAX_UNITS;

  /** Characters; {@link OrderValidation} also caps the UTF-8 bytes. */
  static final int MAX_TEXT = OrderValidation.MAX_TEXT_BYTES;

  /**
   * Bounds what is read before {@link OrderValidation} says what is wrong with it: an email of up
   * to {@value EmailSyntax#MAX_LENGTH} characters, language tags and country codes.
   */
  private static final int MAX_EMAIL = 1000;

  private static final int MAX_CODE = 100;

  private OrderRequest() {}

  /**
   * @throws org.aftersales.shared.http.ApiProblem {@code 400} listing every bad field
   */
  static OrderSpec read(String orderId, JsonBody body) {
    String customerId = body.requiredId("customerId");
    String currency = body.requiredCurrency("currency");
    var placedAt = body.requiredInstant("placedAt");
    var expectedShipBy = body.requiredDate("expectedShipBy");
    List<LineSpec> lines = body.array("lines", OrderRequest::line);
    long orderDiscount = body.optionalAmount("orderDiscount").orElse(0L);
    long deliveryCharge = body.optionalAmount("deliveryCharge").orElse(0L);
    long paidTotal = body.requiredAmount("paidTotal");
    List<ParcelSpec> parcels = body.array("parcels", OrderRequest::parcel);
    Contact contact = body.optionalObject("contact", OrderRequest::contact).orElse(null);
    // an unknown buyer is null here and reported by OrderValidation with the other facts
    Optional<String> buyerName = body.optionalString("buyer", MAX_CODE);
    Buyer buyer = buyerName.isPresent() ? buyer(buyerName.get()) : Buyer.CONSUMER;
    String deliveryCountry = body.optionalString("deliveryCountry", MAX_CODE).orElse(null);
    if (placedAt != null
        && expectedShipBy != null
        && expectedShipBy.isBefore(placedAt.atOffset(java.time.ZoneOffset.UTC).toLocalDate())) {
      body.rejectField("expectedShipBy", "must not be before the day of placedAt");
    }
    body.throwIfInvalid();

    OrderSpec spec =
        new OrderSpec(
            orderId,
            customerId,
            Currency.getInstance(currency),
            placedAt,
            expectedShipBy,
            lines,
            orderDiscount,
            deliveryCharge,
            paidTotal,
            parcels,
            contact,
            buyer,
            deliveryCountry);
    for (var error : OrderValidation.validate(spec)) {
      body.reject(error.field().isEmpty() ? "body" : error.field(), error.message());
    }
    body.throwIfInvalid();
    return spec;
  }

  private static LineSpec line(JsonBody item, String path) {
    return new LineSpec(
        item.requiredId("lineId"),
        item.requiredId("sku"),
        item.requiredString("name", MAX_TEXT),
        item.requiredString("category", MAX_TEXT),
        item.requiredInt("quantity", 1, MAX_QUANTITY),
        item.requiredAmount("unitPrice"),
        item.optionalAmount("discount").orElse(0L),
        item.optionalAmount("tax").orElse(0L),
        item.optionalArray("components", OrderRequest::component).orElse(List.of()));
  }

  private static ComponentSpec component(JsonBody item, String path) {
    return new ComponentSpec(
        item.requiredId("componentId"),
        item.requiredString("name", MAX_TEXT),
        item.requiredAmount("price"));
  }

  private static ParcelSpec parcel(JsonBody item, String path) {
    return new ParcelSpec(
        item.requiredId("parcelId"),
        item.array(
            "lines",
            (pl, p) ->
                new ParcelLine(
                    pl.requiredId("lineId"), pl.requiredInt("quantity", 1, MAX_QUANTITY))),
        item.optionalStringMap("deliveryAddress").orElse(null));
  }

  /** The buyer named, or {@code null} for {@link OrderValidation} to report with the rest. */
  private static Buyer buyer(String name) {
    for (Buyer buyer : Buyer.values()) {
      if (buyer.name().equals(name)) {
        return buyer;
      }
    }
    return null;
  }

  /** MSG-3: {@code {"email"?, "language"?}}; their syntax is {@link OrderValidation}'s. */
  private static Contact contact(JsonBody item) {
    return new Contact(
        item.optionalString("email", MAX_EMAIL).orElse(null),
        item.optionalString("language", MAX_CODE).orElse(null));
  }
}
