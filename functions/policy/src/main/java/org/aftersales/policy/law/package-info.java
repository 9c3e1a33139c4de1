/**
 * The law above the store's terms (POLICY LAW-1…LAW-6): whether the EU consumer layer applies to an
 * order or a parcel ({@link org.aftersales.policy.law.Jurisdiction}) and the statutory section of
 * the policy document ({@link org.aftersales.policy.law.StatutoryTerms}), each value with its
 * source. Pure JDK, like the rest of the policy module.
 */
package org.aftersales.policy.law;
