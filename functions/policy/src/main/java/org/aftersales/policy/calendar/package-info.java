/**
 * Business days in the store's zone (GEN-5) and "within N days after receiving" windows (GEN-6).
 */
package org.aftersales.policy.calendar;
