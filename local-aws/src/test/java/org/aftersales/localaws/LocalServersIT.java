package org.aftersales.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as the local stack uses it (tables kept in the data dir across restarts) and as the
 * tests use it (any free ports, S3 notifications handed over), and nothing left running after
 * close.
 */
class LocalServersIT {

  private static final Path ROOT = LocalResourcesTest.ROOT;
  private static final JsonNode TABLE =
      CloudFormationYaml.read(ROOT.resolve("template.yaml"))
          .at("/Resources/AfterSalesTable/Properties");

  @Test
  void a_kept_table_survives_a_restart_and_close_leaves_no_server_behind(@TempDir Path data) {
    List<Long> pids;
    try (LocalServers servers = start(data, notification -> {})) {
      pids = servers.pids();
      assertThat(servers.isRunning()).isTrue();
      assertThat(LocalResources.createTable(servers.dynamoDbEndpoint(), "kept", TABLE)).isTrue();
      assertThat(LocalResources.createTable(servers.dynamoDbEndpoint(), "kept", TABLE)).isFalse();
    }
    assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).as("pid %d", pid).isFalse());

    try (LocalServers restarted = start(data, notification -> {})) {
      assertThat(LocalResources.createTable(restarted.dynamoDbEndpoint(), "kept", TABLE))
          .as("created again after a restart on the same data dir")
          .isFalse();
    }
  }

  @Test
  void every_object_created_is_handed_over_as_a_notification_with_its_raw_key(@TempDir Path data)
      throws Exception {
    LinkedBlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
    try (LocalServers servers = start(data, notifications::add)) {
      HttpResponse<String> put =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(servers.s3Endpoint() + "/bucket-1/claims/a%20b.txt"))
                      .PUT(HttpRequest.BodyPublishers.ofString("hello"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).isEqualTo(200);

      JsonNode notification = notifications.poll(10, TimeUnit.SECONDS);
      assertThat(notification).isNotNull();
      assertThat(notification.at("/Records/0/eventName").asText()).isEqualTo("ObjectCreated:Put");
      assertThat(notification.at("/Records/0/s3/bucket/name").asText()).isEqualTo("bucket-1");
      assertThat(notification.at("/Records/0/s3/object/key").asText()).isEqualTo("claims/a b.txt");
    }
  }

  @Test
  void the_ses_server_keeps_an_inbox_and_a_supervised_one_comes_back_on_its_port(@TempDir Path data)
      throws Exception {
    try (LocalServers servers = start(data, notification -> {})) {
      URI store = URI.create(servers.sesEndpoint() + "/store");
      assertThat(get(store).statusCode()).isEqualTo(200);
      assertThat(get(store).body()).contains("\"emails\":[]");
      assertThat(servers.health()).extracting(LocalServers.Health::name).contains("ses");
      long sesPid = servers.pids().get(2);

      List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
      servers.supervise(java.time.Duration.ofMillis(100), reports::add);
      ProcessHandle.of(sesPid).orElseThrow().destroy();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (servers.health().get(2).restarts() == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        Thread.sleep(20); // polling with a deadline, not waiting a fixed time
      }
      assertThat(servers.health().get(2).restarts()).isEqualTo(1);
      assertThat(servers.health().get(2).endpoint()).isEqualTo(servers.sesEndpoint());
      assertThat(reports).anyMatch(r -> r.contains("SES server"));
      assertThat(get(store).statusCode()).as("the same port again").isEqualTo(200);
    }
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static LocalServers start(Path data, java.util.function.Consumer<JsonNode> events) {
    Map<String, Path> buckets = new java.util.LinkedHashMap<>();
    buckets.put("bucket-1", null);
    return LocalServers.start(
        new LocalServers.Settings(ROOT.resolve("local/servers"), data, 0, 0, true, buckets),
        events);
  }

  private static boolean alive(long pid) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    return handle.map(ProcessHandle::isAlive).orElse(false);
  }
}
