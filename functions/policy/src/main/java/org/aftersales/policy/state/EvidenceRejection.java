package org.aftersales.policy.state;

import java.time.Instant;
import org.aftersales.policy.document.EvidenceKind;

/** An uploaded evidence file that failed its check and was removed, and why (DOA-3). */
public record EvidenceRejection(EvidenceKind kind, String uploadId, String reason, Instant at) {}
