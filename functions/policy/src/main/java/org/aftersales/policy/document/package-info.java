/**
 * Versioned policy documents (GEN-7): every (config) value of docs/policy.md, built in code by
 * {@link org.aftersales.policy.document.StorePolicies}.
 */
package org.aftersales.policy.document;
