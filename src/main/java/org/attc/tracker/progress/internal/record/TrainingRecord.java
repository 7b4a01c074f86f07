package org.attc.tracker.progress.internal.record;

import java.time.Instant;
import java.util.List;

/**
 * A learner's printable training record as issued: the capabilities they hold now, with
 * tier, expiry and the evidence behind each.
 *
 * @param learnerName the learner's name as recorded
 * @param issuedAt when the record was issued
 * @param organisations the learner's organisations, by name
 * @param jobRoles the learner's job roles, by the names of their role profiles (with
 * their codes)
 * @param capabilities held capabilities (not expired), in framework order
 */
public record TrainingRecord(String learnerName, Instant issuedAt, List<String> organisations, List<String> jobRoles,
		List<HeldCapability> capabilities) {

	/**
	 * One capability held.
	 *
	 * @param code the framework's code (e.g. D9.1), or the identifier when it has none
	 * @param title the capability's title
	 * @param tier the tier held
	 * @param expiresAt when it stops counting; null for never
	 * @param evidence the current evidence for it
	 */
	public record HeldCapability(String code, String title, int tier, Instant expiresAt, List<Evidence> evidence) {
	}

	/**
	 * One piece of evidence.
	 *
	 * @param activity the activity's name (its IRI when statements give it none), or
	 * "Assessor sign-off"
	 * @param achievedAt when it was achieved
	 * @param score scaled score, when there was one
	 * @param source where it came from in words (a statement, or who signed it off)
	 */
	public record Evidence(String activity, Instant achievedAt, Double score, String source) {
	}

}
