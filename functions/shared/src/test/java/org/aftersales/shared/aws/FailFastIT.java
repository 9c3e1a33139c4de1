package org.aftersales.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Fail fast (a dependency down is a quick 503, not a timeout): with DynamoDB down, a call of the
 * client every function uses ends within the 3 s a request may wait, with the SDK client exception
 * that {@code ApiFunction} answers as {@code 503 dependency-unavailable}. Two real ways of being
 * down, on real sockets: a server that accepts connections and never answers (a hung dependency:
 * the budget runs out), and a port nobody listens on (refused at once).
 */
class FailFastIT {

  private static final long REQUEST_BUDGET_MS = 3_000;

  @Test
  void a_server_that_never_answers_ends_the_call_within_the_budget() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      while (true) {
                        held.add(silent.accept()); // read nothing, answer nothing
                      }
                    } catch (IOException closed) {
                      // the test is over
                    }
                  });
      long elapsed = timedFailingGet(silent.getLocalPort());

      System.out.printf("hung DynamoDB: the call failed after %d ms%n", elapsed);
      assertThat(elapsed)
          .isGreaterThanOrEqualTo(AwsClients.ATTEMPT_MS)
          .isLessThan(REQUEST_BUDGET_MS);
      assertThat(held).isNotEmpty();
      silent.close();
      acceptor.join();
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void a_port_nobody_listens_on_fails_the_call_at_once() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    long elapsed = timedFailingGet(closedPort);

    System.out.printf("refused DynamoDB: the call failed after %d ms%n", elapsed);
    assertThat(elapsed).isLessThan(REQUEST_BUDGET_MS);
  }

  /** Milliseconds until a GetItem through a function's client on that port failed. */
  private static long timedFailingGet(int port) {
    Map<String, String> env =
        Map.of(
            "AWS_REGION", "us-east-1",
            "AWS_ACCESS_KEY_ID", "local",
            "AWS_SECRET_ACCESS_KEY", "local",
            "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + port);
    try (AwsClients clients = AwsClients.create(AwsSettings.fromEnvironment(env))) {
      clients.dynamoDb(); // built before the clock starts, as in a warm function
      long started = System.nanoTime();
      assertThatThrownBy(
              () ->
                  clients
                      .dynamoDb()
                      .getItem(
                          r ->
                              r.tableName("AfterSalesTable")
                                  .key(Map.of("pk", AttributeValue.fromS("ORDER#o-1")))))
          .isInstanceOf(SdkClientException.class);
      return (System.nanoTime() - started) / 1_000_000;
    }
  }
}
