package org.aftersales.emails;

/** Sends one plain-text email (SES v2 in AWS and locally). */
interface EmailSender {

  /**
   * @return the provider's message id
   * @throws RuntimeException when the provider refuses or can not be reached
   */
  String send(String to, String subject, String text);
}
