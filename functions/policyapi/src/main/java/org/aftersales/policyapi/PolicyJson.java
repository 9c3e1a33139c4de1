package org.aftersales.policyapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.EvidenceRule;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.document.WarrantyTerms;
import org.aftersales.policy.law.CountryLaw;
import org.aftersales.policy.law.Exclusion;
import org.aftersales.policy.law.LawConflicts;
import org.aftersales.policy.law.Sourced;
import org.aftersales.policy.law.StatutoryTerms;

/**
 * A policy version as {@code GET /policy} shows it (openapi.yaml "Policy"): the values
 * docs/policy.md marks <i>(config)</i>, grouped the way the storefront's FAQ and policy pages read
 * them, each group with the rule ids it configures. Lists are sorted so the document is stable.
 * Written with Jackson's streaming generator (no data binding, for cold start: the policy endpoint
 * near hello-world).
 */
final class PolicyJson {

  private PolicyJson() {}

  static String of(PolicyDocument policy, JsonFactory json) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = json.createGenerator(text)) {
      write(policy, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void write(PolicyDocument policy, JsonGenerator out) throws IOException {
    out.writeStartObject();
    out.writeStringField("version", policy.version());
    out.writeStringField("effectiveFrom", policy.effectiveFrom().toString());
    out.writeStringField("storeZone", policy.storeZone().getId());

    out.writeObjectFieldStart("windows");
    out.writeNumberField("returnDays", policy.returnWindowDays());
    out.writeNumberField("returnSendByDays", policy.returnSendByDays());
    out.writeNumberField("doaDays", policy.doaWindowDays());
    out.writeNumberField("claimEvidenceDays", policy.evidenceExpiryDays());
    out.writeNumberField("autoCancelAfterBusinessDays", policy.autoCancelAfterBusinessDays());
    ruleIds(out, "GEN-6", "RET-1", "RET-9", "DOA-1", "DOA-7", "CAN-6");
    out.writeEndObject();

    out.writeObjectFieldStart("refundDeadline");
    out.writeNumberField("businessDays", policy.refundDueBusinessDays());
    out.writeBooleanField("priceDropRefunds", policy.priceDropRefunds());
    ruleIds(out, "GEN-5", "NOF-1");
    out.writeEndObject();

    strings(
        out,
        "holidays",
        policy.holidays().stream().sorted(LocalDate::compareTo).map(LocalDate::toString).toList());
    out.writeStringField("holidaysKnownThrough", policy.holidaysKnownThrough().toString());

    out.writeObjectFieldStart("nonReturnableCategories");
    strings(out, "categories", policy.nonReturnableCategories().stream().sorted().toList());
    ruleIds(out, "RET-8");
    out.writeEndObject();

    out.writeObjectFieldStart("warranty");
    out.writeNumberField("defaultMonths", policy.defaultWarrantyMonths());
    out.writeObjectFieldStart("monthsByCategory");
    for (Map.Entry<String, Integer> months : policy.warrantyMonthsByCategory().entrySet()) {
      out.writeNumberField(months.getKey(), months.getValue());
    }
    out.writeEndObject();
    WarrantyTerms terms = policy.warrantyTerms();
    kinds(out, "evidence", terms.defaultEvidence());
    out.writeObjectFieldStart("evidenceByCategory");
    for (Map.Entry<String, Set<EvidenceKind>> kinds : terms.evidenceByCategory().entrySet()) {
      kinds(out, kinds.getKey(), kinds.getValue());
    }
    out.writeEndObject();
    out.writeNumberField("repairExtensionMonths", terms.repairExtensionMonths());
    out.writeNumberField("presumptionMonths", terms.presumptionMonths());
    out.writeObjectFieldStart("repairAddress");
    out.writeStringField("recipient", terms.repairAddress().recipient());
    strings(out, "lines", terms.repairAddress().lines());
    out.writeStringField("countryCode", terms.repairAddress().countryCode());
    out.writeEndObject();
    out.writeStringField("shippingPaidBy", terms.storePaysShipping() ? "STORE" : "CUSTOMER");
    ruleIds(out, "RET-7", "WAR-1", "WAR-2", "WAR-4", "WAR-5");
    out.writeEndObject();

    law(policy, out);

    out.writeObjectFieldStart("returnAddress");
    out.writeStringField("recipient", policy.returnAddress().recipient());
    strings(out, "lines", policy.returnAddress().lines());
    out.writeStringField("countryCode", policy.returnAddress().countryCode());
    ruleIds(out, "RET-2");
    out.writeEndObject();

    out.writeObjectFieldStart("evidence");
    out.writeArrayFieldStart("required");
    for (EvidenceKind kind : EvidenceKind.values()) {
      out.writeString(kind.name());
    }
    out.writeEndArray();
    out.writeObjectFieldStart("rules");
    for (Map.Entry<EvidenceKind, EvidenceRule> rule : policy.evidenceRules().entrySet()) {
      out.writeObjectFieldStart(rule.getKey().name());
      strings(out, "allowedContentTypes", rule.getValue().allowedContentTypes());
      out.writeNumberField("maxBytes", rule.getValue().maxBytes());
      out.writeEndObject();
    }
    out.writeEndObject();
    out.writeNumberField("uploadUrlMinutes", policy.uploadUrlMinutes());
    ruleIds(out, "DOA-2", "DOA-3");
    out.writeEndObject();

    out.writeEndObject();
  }

  /**
   * LAW-1…LAW-6: the statutory section and, per jurisdiction (the directives' countries, then each
   * country with national values), the store rules the law raises and how.
   */
  private static void law(PolicyDocument policy, JsonGenerator out) throws IOException {
    StatutoryTerms law = policy.law();
    out.writeObjectFieldStart("law");
    out.writeStringField("buyer", "CONSUMER");
    strings(out, "countries", List.copyOf(law.countries()));
    out.writeArrayFieldStart("jurisdictions");
    List<String> directives = new ArrayList<>();
    for (String country : law.countries()) {
      if (!law.byCountry().containsKey(country)) {
        directives.add(country);
      }
    }
    jurisdiction(out, policy, directives, law.defaults());
    for (Map.Entry<String, CountryLaw> national : law.byCountry().entrySet()) {
      jurisdiction(out, policy, List.of(national.getKey()), national.getValue());
    }
    out.writeEndArray();
    out.writeObjectFieldStart("excludedCategories");
    for (Map.Entry<String, Exclusion> e : law.exclusions().entrySet()) {
      out.writeObjectFieldStart(e.getKey());
      out.writeStringField("source", e.getValue().article());
      out.writeStringField("reason", e.getValue().reason());
      out.writeBooleanField("onlyOnceUnsealed", e.getValue().onlyOnceUnsealed());
      out.writeEndObject();
    }
    out.writeEndObject();
    out.writeObjectFieldStart("cheapestStandardDelivery");
    for (Map.Entry<String, Long> cap : law.cheapestStandardDelivery().entrySet()) {
      out.writeNumberField(cap.getKey(), cap.getValue());
    }
    out.writeEndObject();
    out.writeBooleanField("consumerBearsReturnCost", law.consumerBearsReturnCost());
    ruleIds(out, "LAW-1", "LAW-2", "LAW-3", "LAW-4", "LAW-5", "LAW-6");
    out.writeEndObject();
  }

  private static void jurisdiction(
      JsonGenerator out, PolicyDocument policy, List<String> countries, CountryLaw values)
      throws IOException {
    out.writeStartObject();
    strings(out, "countries", countries);
    sourced(out, "withdrawalDays", values.withdrawalDays());
    sourced(out, "guaranteeMonths", values.guaranteeMonths());
    sourced(out, "presumptionMonths", values.presumptionMonths());
    sourced(out, "repairExtensionMonths", values.repairExtensionMonths());
    out.writeArrayFieldStart("raises");
    for (LawConflicts.Raise raise : LawConflicts.in(policy, values)) {
      out.writeStartObject();
      out.writeStringField("storeRuleId", raise.storeRuleId());
      out.writeStringField("lawRuleId", raise.lawRuleId());
      out.writeStringField("source", raise.source());
      out.writeStringField("how", raise.how());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  private static void sourced(JsonGenerator out, String field, Sourced value) throws IOException {
    out.writeObjectFieldStart(field);
    out.writeNumberField("value", value.value());
    out.writeStringField("source", value.source());
    out.writeEndObject();
  }

  /** The kinds of {@code kinds} in their declared order (a loop: no stream on the cold start). */
  private static void kinds(JsonGenerator out, String field, Set<EvidenceKind> kinds)
      throws IOException {
    out.writeArrayFieldStart(field);
    for (EvidenceKind kind : EvidenceKind.values()) {
      if (kinds.contains(kind)) {
        out.writeString(kind.name());
      }
    }
    out.writeEndArray();
  }

  private static void ruleIds(JsonGenerator out, String... ids) throws IOException {
    strings(out, "ruleIds", List.of(ids));
  }

  private static void strings(JsonGenerator out, String field, List<String> values)
      throws IOException {
    out.writeArrayFieldStart(field);
    for (String value : values) {
      out.writeString(value);
    }
    out.writeEndArray();
  }
}
