package org.aftersales.refunds;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;

/**
 * The sample events of {@code events/<Function>/} (the ones {@code sam local invoke} takes), run
 * through a handler the way Lambda does, with its log and EMF lines captured.
 */
final class Fixtures {

    /** The instant of the HTTP fixtures ({@code requestContext.timeEpoch}). */
    static final Instant NOW = Instant.parse("2026-11-26T13:20:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** The order id the fixtures name; tests replace it with a fresh one. */
    static final String FIXTURE_ORDER = "o-1001";

    private Fixtures() {
    }

    /** The raw text of {@code events/<function>/<name>.json}. */
    static String event(String function, String name) {
        Path root = Path.of(System.getProperty("aftersales.root", "../.."));
        try {
            return Files.readString(root.resolve("events").resolve(function).resolve(name + ".json"), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event with the fixture order id replaced everywhere (path, parameters, body). */
    static String eventFor(String function, String name, String orderId) {
        return event(function, name).replace(FIXTURE_ORDER, orderId);
    }

    static ObjectNode tree(String event) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** stdout of a handler under test: its log lines and EMF lines. */
    static final class Stdout {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final PrintStream out = new PrintStream(bytes, true, UTF_8);

        JsonLog log() {
            return new JsonLog(out, CLOCK, "aftersales", "TestFunction");
        }

        EmfMetrics metrics() {
            return new EmfMetrics(out, CLOCK, "AfterSales", "aftersales");
        }

        List<JsonNode> lines() {
            return bytes.toString(UTF_8).lines().map(line -> {
                try {
                    return Json.MAPPER.readTree(line);
                } catch (IOException e) {
                    throw new AssertionError("stdout line is not JSON: " + line, e);
                }
            }).toList();
        }

        /** The EMF lines (those with {@code _aws}). */
        List<JsonNode> emf() {
            return lines().stream().filter(l -> l.has("_aws")).toList();
        }
    }

    /** An HTTP API v2 response as API Gateway reads it. */
    record Response(int status, JsonNode headers, JsonNode body) {
        String header(String name) {
            return headers.path(name).asText(null);
        }
    }

    static Response http(RequestStreamHandler handler, String event) {
        JsonNode json = invoke(handler, event);
        try {
            String body = json.get("body").textValue();
            return new Response(json.get("statusCode").intValue(), json.get("headers"),
                    body.isEmpty() ? null : Json.MAPPER.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response http(RequestStreamHandler handler, ObjectNode event) {
        return http(handler, Json.write(event));
    }

    /** Runs the handler on {@code event} and parses what it wrote. */
    static JsonNode invoke(RequestStreamHandler handler, String event) {
        try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(UTF_8)), output, null);
            return Json.MAPPER.readTree(output.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
