package org.aftersales.refunds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.EvidenceRule;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;

/**
 * A policy version as {@code GET /policy} shows it (API.md "Policy"): the values POLICY.md marks
 * <i>(config)</i>, grouped the way the storefront's FAQ and policy pages read them, each group with
 * the rule ids it configures. Lists are sorted so the document is stable.
 */
final class PolicyJson {

  private PolicyJson() {}

  static ObjectNode of(PolicyDocument policy) {
    ObjectNode node = Json.object();
    node.put("version", policy.version());
    node.put("effectiveFrom", policy.effectiveFrom().toString());
    node.put("storeZone", policy.storeZone().getId());

    ObjectNode windows = node.putObject("windows");
    windows.put("returnDays", policy.returnWindowDays());
    windows.put("returnSendByDays", policy.returnSendByDays());
    windows.put("doaDays", policy.doaWindowDays());
    windows.put("claimEvidenceDays", policy.evidenceExpiryDays());
    windows.put("autoCancelAfterBusinessDays", policy.autoCancelAfterBusinessDays());
    windows.set(
        "ruleIds", ApiJson.strings(List.of("GEN-6", "RET-1", "RET-9", "DOA-1", "DOA-7", "CAN-6")));

    ObjectNode refunds = node.putObject("refundDeadline");
    refunds.put("businessDays", policy.refundDueBusinessDays());
    refunds.put("priceDropRefunds", policy.priceDropRefunds());
    refunds.set("ruleIds", ApiJson.strings(List.of("GEN-5", "NOF-1")));

    ArrayNode holidays = node.putArray("holidays");
    policy.holidays().stream()
        .sorted(LocalDate::compareTo)
        .forEach(d -> holidays.add(d.toString()));
    node.put("holidaysKnownThrough", policy.holidaysKnownThrough().toString());

    ObjectNode returns = node.putObject("nonReturnableCategories");
    returns.set(
        "categories", ApiJson.strings(policy.nonReturnableCategories().stream().sorted().toList()));
    returns.set("ruleIds", ApiJson.strings(List.of("RET-8")));

    ObjectNode warranty = node.putObject("warranty");
    warranty.put("defaultMonths", policy.defaultWarrantyMonths());
    ObjectNode byCategory = warranty.putObject("monthsByCategory");
    policy.warrantyMonthsByCategory().forEach(byCategory::put);
    warranty.set("ruleIds", ApiJson.strings(List.of("RET-7")));

    ObjectNode address = node.putObject("returnAddress");
    address.put("recipient", policy.returnAddress().recipient());
    address.set("lines", ApiJson.strings(policy.returnAddress().lines()));
    address.put("countryCode", policy.returnAddress().countryCode());
    address.set("ruleIds", ApiJson.strings(List.of("RET-2")));

    ObjectNode evidence = node.putObject("evidence");
    ArrayNode required = evidence.putArray("required");
    for (EvidenceKind kind : EvidenceKind.values()) {
      required.add(kind.name());
    }
    ObjectNode rules = evidence.putObject("rules");
    for (Map.Entry<EvidenceKind, EvidenceRule> rule : policy.evidenceRules().entrySet()) {
      ObjectNode r = rules.putObject(rule.getKey().name());
      r.set("allowedContentTypes", ApiJson.strings(rule.getValue().allowedContentTypes()));
      r.put("maxBytes", rule.getValue().maxBytes());
    }
    evidence.put("uploadUrlMinutes", policy.uploadUrlMinutes());
    evidence.set("ruleIds", ApiJson.strings(List.of("DOA-2", "DOA-3")));
    return node;
  }
}
