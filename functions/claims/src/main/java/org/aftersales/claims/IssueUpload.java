package org.aftersales.claims;

import java.util.List;
import java.util.Locale;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.EvidenceRule;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.store.Claim;

/**
 * {@code POST /claims/{claimId}/uploads}: one more presigned upload slot for a claim the caller may
 * see ({@code 404} otherwise), if the claim's policy takes that content type for that kind of
 * evidence ({@code 400}, DOA-3) and the claim still takes uploads ({@code 409 illegal-transition},
 * DOA-2; DOA-7 when it expired). Side effects: reading the claim finishes a step a crash
 * interrupted ({@link ClaimQueries#visibleClaim}); presigning writes nothing.
 */
record IssueUpload(ClaimPorts ports, ClaimQueries queries, UploadSlots slots) {

  UploadSlots.UploadSlot issue(
      Caller caller, String claimId, EvidenceKind kind, String contentType) {
    Claim claim = queries.visibleClaim(caller, claimId);
    PolicyDocument policy = ports.policyOf(claim);
    EvidenceRule rule = policy.evidenceRule(kind);
    String type = contentType.strip().toLowerCase(Locale.ROOT);
    if (!rule.allows(type)) {
      throw ApiProblem.badRequest(
          "contentType",
          "must be one of "
              + String.join(", ", rule.allowedContentTypes())
              + " for "
              + kind
              + " (DOA-3)");
    }
    if (!claim.state().required().contains(kind)) {
      throw ApiProblem.badRequest(
          "kind",
          "must be one of "
              + claim.state().required().stream().sorted().map(Enum::name).toList()
              + " for this "
              + claim.state().coverage().kind()
              + " claim ("
              + (claim.state().isWarranty() ? "WAR-2" : "DOA-2")
              + ")");
    }
    if (!claim.status().awaitsUploads()) {
      throw ApiProblem.conflict(
          "illegal-transition",
          "Illegal transition",
          "Claim " + claim.claimId() + " is " + claim.status() + ": it takes no more uploads.",
          claim.status() == ClaimStatus.EXPIRED ? List.of("DOA-7") : List.of("DOA-2"));
    }
    return slots.issue(claim.claimId(), kind, type, policy);
  }
}
