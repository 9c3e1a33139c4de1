/** The order as the storefront registers it, its validation, and unit identities. */
package org.aftersales.policy.order;
