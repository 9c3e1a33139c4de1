package org.aftersales.events;

import org.aftersales.localaws.LocalEventBridge;
import org.aftersales.shared.aws.AwsClients;
import org.aftersales.shared.testing.LocalAws;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The kit's EventBridge endpoint and a real SDK client on it, built as the functions' own ({@link
 * AwsClients#configure}), and the bus adapter over that client: what the tests publish through.
 */
record TestBus(LocalEventBridge bridge, EventBridgeClient client, EventBridgeBus bus)
    implements AutoCloseable {

  static TestBus start(LocalAws aws) {
    LocalEventBridge bridge = LocalEventBridge.start();
    EventBridgeClient client =
        AwsClients.configure(EventBridgeClient.builder(), aws.clients().settings())
            .endpointOverride(bridge.endpoint())
            .build();
    return new TestBus(bridge, client, new EventBridgeBus(client, "aftersales-test-bus"));
  }

  @Override
  public void close() {
    client.close();
    bridge.close();
  }
}
