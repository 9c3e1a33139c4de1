package org.aftersales.events;

import java.util.List;
import org.aftersales.shared.events.PendingEvent;

/**
 * Port for the bus the events go on (MSG-2, MSG-4): the stack's EventBridge custom bus in AWS, the
 * local-aws kit's PutEvents endpoint locally.
 */
public interface EventBus {

  /**
   * Puts {@code events} on the bus, in the given order (source {@code aftersales}, detail-type the
   * event's type, detail the event JSON).
   *
   * @throws RuntimeException when the bus did not take every one of them (none may be assumed put)
   */
  void put(List<PendingEvent> events);
}
