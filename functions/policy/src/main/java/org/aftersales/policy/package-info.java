/**
 * The store's after-sales policy (docs/policy.md) as pure Java: no AWS, Lambda or JSON library, no
 * I/O except reading the bundled policy document from the classpath. Every type is an immutable
 * record or enum; every decision cites the POLICY rule ids it applied.
 */
package org.aftersales.policy;
