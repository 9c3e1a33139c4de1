/**
 * The policies: each a small pure class deciding one thing and answering with a {@link
 * org.aftersales.policy.decision.Decision} that carries the rule ids and plain-language lines
 * (GEN-8), or a typed {@link org.aftersales.policy.decision.Refusal} with the API code.
 */
package org.aftersales.policy.decision;
