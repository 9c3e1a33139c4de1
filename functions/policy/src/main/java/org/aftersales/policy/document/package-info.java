/**
 * Versioned policy documents (GEN-7): every (config) value of POLICY.md, loaded from policies.json.
 */
package org.aftersales.policy.document;
