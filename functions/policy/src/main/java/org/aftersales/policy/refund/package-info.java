/** Refunds, their itemised breakdowns (GEN-8), cause-derived ids and the GEN-4 ledger. */
package org.aftersales.policy.refund;
