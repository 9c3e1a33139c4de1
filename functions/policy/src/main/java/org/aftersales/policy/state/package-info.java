/**
 * Persisted state: the order aggregate (parcels, unit statuses, refunds), returns and claims, and
 * the state machines that govern them. Records and enums only, no I/O.
 */
package org.aftersales.policy.state;
