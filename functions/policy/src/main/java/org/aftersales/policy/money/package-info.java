/** Money in minor units and exact largest-remainder splitting (GEN-1). */
package org.aftersales.policy.money;
