package org.aftersales.policy.law;

import java.util.Objects;

/**
 * Why a category has no right of withdrawal (LAW-1, Directive 2011/83/EU Art. 16).
 *
 * @param article the point of Art. 16, for example "2011/83/EU Art. 16(c)"
 * @param reason the plain-language reason shown to the customer
 * @param onlyOnceUnsealed true where Art. 16 excludes the goods only once they were unsealed after
 *     delivery (points (e) and (i)): the withdrawal is then accepted and only a unit that comes
 *     back unsealed loses the right
 */
public record Exclusion(String article, String reason, boolean onlyOnceUnsealed) {

  public Exclusion {
    Objects.requireNonNull(article, "article");
    Objects.requireNonNull(reason, "reason");
  }
}
