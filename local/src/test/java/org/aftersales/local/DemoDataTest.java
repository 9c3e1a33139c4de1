package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DemoDataTest {

  private record Call(String method, String path, String authorization, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  // Written by the fake API's threads, read by the test: a list safe to add to and iterate at once.
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private HttpServer api;

  private URI fakeApi(int status) throws Exception {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext(
        "/",
        exchange -> {
          calls.add(
              new Call(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  JSON.readTree(exchange.getRequestBody())));
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    api.start();
    return URI.create("http://127.0.0.1:" + api.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    api.stop(0);
  }

  @Test
  void registers_consistent_orders_as_the_storefront_then_moves_parcels_forward_as_the_warehouse()
      throws Exception {
    int failures =
        new DemoData(fakeApi(201), "storefront-token", "warehouse-token", System.out)
            .seed(Instant.now());

    assertThat(failures).isZero();
    List<Call> orders = calls.stream().filter(c -> c.method().equals("PUT")).toList();
    assertThat(orders)
        .extracting(Call::path)
        .containsExactly(
            "/orders/o-1001",
            "/orders/o-1002",
            "/orders/o-1003",
            "/orders/o-1004",
            "/orders/o-1005",
            "/orders/o-1006",
            "/orders/o-1007",
            "/orders/o-1008",
            "/orders/o-1009");
    assertThat(orders)
        .allSatisfy(
            order -> {
              assertThat(order.authorization()).isEqualTo("Bearer storefront-token");
              JsonNode body = order.body();
              long lines = 0;
              for (JsonNode line : body.path("lines")) {
                lines +=
                    line.path("quantity").asLong() * line.path("unitPrice").asLong()
                        - line.path("discount").asLong()
                        + line.path("tax").asLong();
              }
              // paidTotal = lines − discounts + tax + delivery (openapi.yaml, GEN-1 minor units)
              assertThat(body.path("paidTotal").asLong())
                  .isEqualTo(
                      lines
                          - body.path("orderDiscount").asLong()
                          + body.path("deliveryCharge").asLong());
              // every unit in exactly one parcel
              for (JsonNode line : body.path("lines")) {
                long inParcels = 0;
                for (JsonNode parcel : body.path("parcels")) {
                  for (JsonNode parcelLine : parcel.path("lines")) {
                    if (parcelLine.path("lineId").asText().equals(line.path("lineId").asText())) {
                      inParcels += parcelLine.path("quantity").asLong();
                    }
                  }
                }
                assertThat(inParcels).isEqualTo(line.path("quantity").asLong());
              }
            });
    List<Call> delivered =
        calls.stream().filter(c -> c.path().equals("/orders/o-1003/parcels/P1/events")).toList();
    assertThat(delivered)
        .extracting(c -> c.body().path("type").asText())
        .containsExactly("PROCESSED", "SHIPPED", "DELIVERED");
    assertThat(delivered)
        .allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer warehouse-token"));
    assertThat(Instant.parse(delivered.get(0).body().path("at").asText()))
        .isBefore(Instant.parse(delivered.get(2).body().path("at").asText()));
  }

  @Test
  void counts_and_prints_every_refused_call() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    int failures =
        new DemoData(fakeApi(409), "s", "w", new PrintStream(console, true, StandardCharsets.UTF_8))
            .seed(Instant.now());

    assertThat(failures).isEqualTo(calls.size()).isGreaterThanOrEqualTo(5);
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("seed: PUT /orders/o-1001 answered 409");
  }
}
