package org.attc.tracker.progress.internal;

import java.time.Instant;
import java.util.List;

import org.attc.tracker.crediting.CreditingRoute;
import org.attc.tracker.crediting.EvidenceEntry;

/**
 * A learner's capabilities as the "My capabilities" page and its JSON show them: per role
 * profile, per domain, each capability with the tier asked and held, its status, the
 * evidence and the ways to close a gap.
 *
 * @param learnerId the learner
 * @param name display name
 * @param organisations organisation codes
 * @param organisationNames the same organisations by the names people read
 * @param jobRoles job role codes
 * @param profiles one section per role profile of the learner's job roles
 * @param other capabilities with evidence that no role profile of theirs asks for
 * @param generatedAt when it was computed (statuses depend on the date)
 * @param activityNames the names of the activities its evidence and routes name, by IRI
 * (from the statements' activity definitions), where they have one
 */
public record LearnerRecord(long learnerId, String name, List<String> organisations, List<String> organisationNames,
		List<String> jobRoles, List<ProfileSection> profiles, List<Line> other, Instant generatedAt,
		java.util.Map<String, String> activityNames) {

	/** What a person reads for an activity: its name, else its IRI. */
	public String activityName(String activityId) {
		return (activityId == null) ? null : this.activityNames.getOrDefault(activityId, activityId);
	}

	/**
	 * @param code role profile code
	 * @param name role profile name
	 * @param met how many of its capabilities are held at the tier asked
	 * @param total how many it asks for
	 * @param domains its capabilities grouped by domain
	 */
	public record ProfileSection(String code, String name, int met, int total, List<Domain> domains) {
	}

	public record Domain(String title, List<Line> capabilities) {
	}

	/**
	 * @param identifier capability identifier
	 * @param code human code
	 * @param title title
	 * @param mandatory whether the profile requires it (false: desirable)
	 * @param requiredTier rank asked; null when none
	 * @param requiredTierName its name
	 * @param heldTier rank held now; null when none
	 * @param heldTierName its name
	 * @param status status text, icon and key
	 * @param achievedAt when the held tier was achieved
	 * @param expiresAt when it stops counting
	 * @param evidence the current evidence behind it
	 * @param routes mapped activities that would credit it at the tier asked
	 */
	public record Line(String identifier, String code, String title, boolean mandatory, Integer requiredTier,
			String requiredTierName, Integer heldTier, String heldTierName, StatusDisplay status, Instant achievedAt,
			Instant expiresAt, List<EvidenceEntry> evidence, List<CreditingRoute> routes) {

		public boolean gap() {
			return !"achieved".equals(this.status.key()) && !"not_required".equals(this.status.key());
		}

	}

}
