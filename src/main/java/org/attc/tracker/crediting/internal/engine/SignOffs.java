package org.attc.tracker.crediting.internal.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.attc.tracker.crediting.internal.attainment.EvidenceKind;
import org.attc.tracker.crediting.internal.ledger.EvidenceLedger;
import org.attc.tracker.crediting.internal.ledger.EvidenceRow;
import org.attc.tracker.crediting.internal.ledger.NewEvidence;
import org.attc.tracker.framework.Capability;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.Tier;
import org.attc.tracker.shared.LearnerId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assessor sign-offs of practical capabilities (e.g. observed administration of an
 * investigational ATMP): evidence recorded by a person, with their comment.
 */
@Component
public class SignOffs {

	private final CapabilityCatalogue catalogue;

	private final EvidenceLedger ledger;

	private final AttainmentEvents events;

	SignOffs(CapabilityCatalogue catalogue, EvidenceLedger ledger, AttainmentEvents events) {
		this.catalogue = catalogue;
		this.ledger = ledger;
		this.events = events;
	}

	@Transactional(isolation = Isolation.READ_COMMITTED)
	public EvidenceRow record(LearnerId learner, String capabilityReference, String tierReference, String comment,
			Instant achievedAt, Integer validityMonths, String assessor) {
		return record(learner, capabilityReference, tierReference, comment, achievedAt, validityMonths, assessor, null);
	}

	/**
	 * Records a sign-off once per {@code submission}: a form sent twice (a double click,
	 * a retry after a timeout) leaves one piece of evidence.
	 * @param submission an id the form carries, or {@code null} for a new sign-off each
	 * time
	 */
	@Transactional(isolation = Isolation.READ_COMMITTED)
	public EvidenceRow record(LearnerId learner, String capabilityReference, String tierReference, String comment,
			Instant achievedAt, Integer validityMonths, String assessor, String submission) {
		if (capabilityReference == null || capabilityReference.isBlank()) {
			throw new IllegalArgumentException("capability: the capability's identifier or code is required");
		}
		Capability capability = this.catalogue.capability(capabilityReference)
			.or(() -> single(this.catalogue.capabilitiesByCode(capabilityReference)))
			.orElseThrow(() -> new IllegalArgumentException("capability: no capability " + capabilityReference));
		if (tierReference == null || tierReference.isBlank()) {
			throw new IllegalArgumentException("tier: the tier observed is required");
		}
		Tier tier = (tierReference.matches("\\d+") ? capability.tierScale().byRank(Integer.parseInt(tierReference))
				: capability.tierScale().byCode(tierReference))
			.orElseThrow(() -> new IllegalArgumentException("tier: the framework has no tier " + tierReference));
		if (comment == null || comment.isBlank()) {
			throw new IllegalArgumentException("comment: say what was observed");
		}
		Instant when = (achievedAt != null) ? achievedAt : Instant.now();
		if (when.isAfter(Instant.now().plusSeconds(300))) {
			throw new IllegalArgumentException("achievedAt: a sign-off cannot be in the future");
		}
		if (validityMonths != null && (validityMonths < 1 || validityMonths > 600)) {
			throw new IllegalArgumentException("validityMonths: between 1 and 600, or absent for no expiry");
		}
		Instant expires = (validityMonths != null) ? when.atZone(ZoneOffset.UTC).plusMonths(validityMonths).toInstant()
				: null;
		String key = "signoff:" + ((submission != null && submission.matches("[0-9a-f-]{36}")) ? submission
				: UUID.randomUUID().toString());
		this.ledger
			.appendOnce(NewEvidence.of(learner.value(), capability.identifier(), tier.rank(), EvidenceKind.SIGN_OFF)
				.recordedBy(assessor)
				.reason("signed off by " + assessor + ": " + comment.strip())
				.achievedAt(when)
				.expiresAt(expires)
				.baseKey(key)
				.build());
		this.events.changed(List.of(new Affected(learner.value(), capability.identifier())));
		return this.ledger.current(learner.value())
			.stream()
			.filter((r) -> key.equals(r.baseKey()))
			.findFirst()
			.orElseThrow();
	}

	private static Optional<Capability> single(List<Capability> found) {
		return (found.size() == 1) ? Optional.of(found.get(0)) : Optional.empty();
	}

}
