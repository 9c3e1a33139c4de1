package org.aftersales.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

/**
 * The "Try it" block the stack prints once it is ready: tokens for a customer, an agent, the
 * warehouse, the storefront service and the payment integration, ready-to-paste {@code curl}
 * commands over the demo orders, and the pages' addresses. Side effects: console lines; the tokens
 * file when the console is no terminal.
 */
final class TryIt {

  private static final String TOKENS_FILE = "tokens.env";

  private TryIt() {}

  /**
   * The ready-to-paste commands. The tokens in them are printed only to a terminal; when the output
   * is a pipe or a file (a log), they go to {@code DATA_DIR/tokens.env} (mode 0600) and only its
   * path is printed (no tokens in log files).
   */
  static void print(
      URI api, LocalAdminEndpoints tokens, Path dataDir, boolean terminal, PrintStream console) {
    String base = api.toString();
    String exports =
        """
        export CUSTOMER=%s
        export AGENT=%s
        export WAREHOUSE=%s
        export STOREFRONT=%s
        export PAYMENT=%s
        """
            .formatted(
                tokens.token(DemoData.CUSTOMER, List.of(), List.of()),
                tokens.token("agent-1", List.of("care-agents"), List.of()),
                tokens.token("warehouse-1", List.of("warehouse"), List.of()),
                tokens.token("storefront-service", List.of(), List.of("aftersales/orders.write")),
                tokens.token(
                    "payment-integration", List.of(), List.of("aftersales/refunds.settle")));
    String exported;
    if (terminal) {
      exported = exports.indent(2).stripTrailing();
    } else {
      Path file = dataDir.resolve(TOKENS_FILE);
      writeOwnerOnly(file, exports);
      exported =
          "  . "
              + file
              + "   # the tokens: written there (mode 600), not printed, as this output is not a"
              + " terminal";
    }
    console.println(
        """

                Try it (tokens valid 12 h; more from POST %1$s/_local/tokens {"sub","groups":[...],"scopes":[...]}):
                %2$s
                  curl -s %1$s/policy
                  curl -s -H "Authorization: Bearer $CUSTOMER" %1$s/orders/o-1003
                  curl -s -X POST -H "Authorization: Bearer $CUSTOMER" -H 'Content-Type: application/json' -d '{"reason":"changed my mind"}' %1$s/orders/o-1001/cancellation
                  curl -s -X POST -H "Authorization: Bearer $CUSTOMER" -H 'Content-Type: application/json' -d '{"lineId":"L1","problem":"NOT_WORKING","description":"no picture"}' %1$s/orders/o-1003/claims
                  curl -s -H "Authorization: Bearer $AGENT" '%1$s/claims?status=UNDER_REVIEW'
                  curl -s -X POST -H "Authorization: Bearer $CUSTOMER" -H 'Content-Type: application/json' -d '{"lineId":"L1","problem":"NOT_WORKING","description":"stopped switching after three months","preferredRemedy":"REPAIR"}' %1$s/orders/o-1007/claims
                  curl -s -X POST -H "Authorization: Bearer $CUSTOMER" -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-change-1' -d '{"units":[{"lineId":"L1","unitIndex":0,"replaceWith":{"sku":"KW-HDMI-MINI","name":"HDMI switch mini","category":"electronics","unitPrice":2499}}]}' %1$s/orders/o-1006/changes
                  curl -s -X POST -H "Authorization: Bearer $WAREHOUSE" -H 'Content-Type: application/json' -d '{"type":"SHIPPED","at":"%3$s","trackingNumber":"TRK-1"}' %1$s/orders/o-1002/parcels/P1/events
                  curl -s -X POST -H "Authorization: Bearer $STOREFRONT" -H 'Content-Type: application/json' -d '{"type":"DELIVERED","at":"%3$s","trackingNumber":"TRK-1"}' %1$s/orders/o-1002/parcels/P1/events
                  curl -s -H "Authorization: Bearer $PAYMENT" '%1$s/refunds?status=PENDING'
                  curl -s -X POST %1$s/_local/schedules/AutoCancelFunction
                  curl -s %1$s/openapi.yaml

                Pages (sign in with a demo identity): customer %1$s/app/#order=o-1003   agent console %1$s/console/
                """
            .formatted(
                base, exported, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
  }

  /** Writes {@code text} to {@code file} readable and writable by its owner only. */
  private static void writeOwnerOnly(Path file, String text) {
    try {
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
