package org.aftersales.shared.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.policy.state.Remedy;

/**
 * A claim (DOA or warranty, WAR-1) as stored: the policy's {@link ClaimCase} (status, unit, kinds
 * received, rejected files, agent message, refund id) plus what only storage needs — the customer
 * who owns it, the policy version it is judged by (GEN-7), each valid file's object key (its
 * accepted copy), and per upload key the highest S3 {@code sequencer} handled, so a repeated or
 * out-of-order S3 event changes nothing. {@code decision} holds the agent's request as made, so the
 * same decision sent again is recognised (and its refund found, never granted twice). Whether the
 * claim holds its unit is said by the order alone ({@link UnitHolds}). Immutable; {@code version}
 * is the one read (the repository bumps it on a successful conditional write).
 */
public record Claim(
    ClaimCase state,
    String customerId,
    String policyVersion,
    List<EvidenceFile> files,
    Map<String, String> sequencers,
    AgentDecision decision,
    long version)
    implements StoredCase<Claim> {

  public Claim {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(policyVersion, "policyVersion");
    files = List.copyOf(files);
    sequencers = Collections.unmodifiableMap(new LinkedHashMap<>(sequencers));
  }

  /** A valid evidence file (DOA-3): object key, kind, declared type, size, S3 sequencer. */
  public record EvidenceFile(
      String key,
      EvidenceKind kind,
      String contentType,
      long size,
      String sequencer,
      Instant receivedAt) {
    public EvidenceFile {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(sequencer, "sequencer");
      Objects.requireNonNull(receivedAt, "receivedAt");
    }
  }

  /**
   * The agent's decision request as made (DOA-4, DOA-5, WAR-3): amount is the agent's own, or null;
   * a warranty decision's finding (WAR-5) and the remedies it ruled out with their reasons.
   */
  public record AgentDecision(
      ClaimOutcome outcome,
      String componentId,
      Long amount,
      String message,
      String decidedBy,
      Instant decidedAt,
      String finding,
      Map<Remedy, String> ruledOut) {
    public AgentDecision {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(decidedAt, "decidedAt");
      ruledOut = ruledOut == null ? Map.of() : Map.copyOf(ruledOut);
    }

    /** A DOA decision (DOA-4, DOA-5): no finding, nothing ruled out. */
    public AgentDecision(
        ClaimOutcome outcome,
        String componentId,
        Long amount,
        String message,
        String decidedBy,
        Instant decidedAt) {
      this(outcome, componentId, amount, message, decidedBy, decidedAt, null, Map.of());
    }

    /** Whether another request asks for exactly this (who and when aside). */
    public boolean sameRequestAs(
        ClaimOutcome otherOutcome, String otherComponentId, Long otherAmount, String otherMessage) {
      return sameRequestAs(
          otherOutcome, otherComponentId, otherAmount, otherMessage, null, Map.of());
    }

    /** Whether another request asks for exactly this, finding and remedies ruled out included. */
    public boolean sameRequestAs(
        ClaimOutcome otherOutcome,
        String otherComponentId,
        Long otherAmount,
        String otherMessage,
        String otherFinding,
        Map<Remedy, String> otherRuledOut) {
      return outcome == otherOutcome
          && Objects.equals(componentId, otherComponentId)
          && Objects.equals(amount, otherAmount)
          && Objects.equals(message, otherMessage)
          && Objects.equals(finding, otherFinding)
          && ruledOut.equals(otherRuledOut == null ? Map.of() : otherRuledOut);
    }
  }

  /** A claim just opened by the policy ({@code DoaPolicy.open}), not yet stored. */
  public static Claim opened(ClaimCase state, String customerId, String policyVersion) {
    return new Claim(state, customerId, policyVersion, List.of(), Map.of(), null, 0);
  }

  public String claimId() {
    return state.claimId();
  }

  @Override
  public String id() {
    return claimId();
  }

  public String orderId() {
    return state.orderId();
  }

  public ClaimStatus status() {
    return state.status();
  }

  /**
   * Whether an S3 event for {@code key} with {@code sequencer} is newer than every event already
   * handled for that key (S3 may deliver twice, or out of order).
   */
  public boolean isNewEvent(String key, String sequencer) {
    String seen = sequencers.get(key);
    return seen == null || compareSequencers(sequencer, seen) > 0;
  }

  /**
   * Orders two S3 sequencers of one key: hex strings of varying length, compared after left-padding
   * with zeros to equal length (as S3 documents).
   */
  public static int compareSequencers(String a, String b) {
    int width = Math.max(a.length(), b.length());
    return pad(a, width).compareToIgnoreCase(pad(b, width));
  }

  /**
   * A valid file recorded under the policy's next state. {@code uploadKey} is the key S3 reported
   * (its sequencer is remembered there); the file's own key is where the accepted copy is kept.
   */
  public Claim withFile(String uploadKey, EvidenceFile file, ClaimCase next) {
    List<EvidenceFile> more =
        new ArrayList<>(files.stream().filter(f -> !f.key().equals(file.key())).toList());
    more.add(file);
    return new Claim(
        next,
        customerId,
        policyVersion,
        more,
        seen(uploadKey, file.sequencer()),
        decision,
        version);
  }

  /**
   * A rejected (deleted) upload recorded under the policy's next state; files already accepted stay
   * (accepted evidence is immutable).
   */
  public Claim withRejectedFile(String key, String sequencer, ClaimCase next) {
    return new Claim(
        next, customerId, policyVersion, files, seen(key, sequencer), decision, version);
  }

  /**
   * The claim with the policy's next state (expiry, a decision) and, for a decision, the agent's
   * request.
   */
  public Claim withState(ClaimCase next, AgentDecision made) {
    return new Claim(
        next,
        customerId,
        policyVersion,
        files,
        sequencers,
        made == null ? decision : made,
        version);
  }

  @Override
  public Claim withVersion(long newVersion) {
    return new Claim(state, customerId, policyVersion, files, sequencers, decision, newVersion);
  }

  /** An expired claim has let its unit go (DOA-7); a decided one still needs it to apply. */
  @Override
  public boolean doneWithUnits() {
    return status() == org.aftersales.policy.state.ClaimStatus.EXPIRED;
  }

  /** What the claim holds on its order while it is open: its unit, CLAIM_OPEN (DOA-1). */
  @Override
  public UnitHolds.Hold hold() {
    return new UnitHolds.Hold(
        orderId(),
        claimId(),
        List.of(state.unit()),
        org.aftersales.policy.state.UnitStatus.CLAIM_OPEN);
  }

  private Map<String, String> seen(String key, String sequencer) {
    Map<String, String> next = new LinkedHashMap<>(sequencers);
    next.put(key, sequencer);
    return next;
  }

  private static String pad(String hex, int width) {
    return "0".repeat(width - hex.length()) + hex;
  }
}
