package org.aftersales.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.aftersales.localaws.LocalNames;

/**
 * The EventBridge "Scheduled Event" payload a scheduled function receives, exactly as AWS sends it:
 * {@code time} is the scheduled instant (whole seconds, UTC), {@code resources} the rule's ARN,
 * {@code detail} empty. Pure except for the random event {@code id}.
 */
public final class ScheduledEvents {

  private ScheduledEvents() {}

  public static ObjectNode payload(ScheduleDefinition schedule, Instant scheduledTime) {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", "Scheduled Event");
    event.put("source", "aws.events");
    event.put("account", LocalNames.ACCOUNT_ID);
    event.put("time", scheduledTime.truncatedTo(ChronoUnit.SECONDS).toString());
    event.put("region", LocalNames.REGION);
    event.putArray("resources").add(schedule.ruleArn());
    event.putObject("detail");
    return event;
  }
}
