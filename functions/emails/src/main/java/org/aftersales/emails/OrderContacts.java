package org.aftersales.emails;

import java.util.Optional;
import org.aftersales.policy.order.Contact;

/** The contact an order was registered with (MSG-3), read alone. */
interface OrderContacts {

  /** Empty when the order has no contact or does not exist. */
  Optional<Contact> contactOf(String orderId);
}
