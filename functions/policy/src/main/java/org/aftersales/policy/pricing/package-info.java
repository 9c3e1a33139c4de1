/** What each unit cost: paid price (GEN-2) and delivery share (GEN-3). */
package org.aftersales.policy.pricing;
