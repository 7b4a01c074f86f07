package org.attc.tracker.identity.internal.learner;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/** A learner as the API and pages show it, every identifier with why it was linked. */
record LearnerView(long id, String name, String email, Long mergedInto, List<String> organisations,
		Set<String> jobRoles, List<IdentifierView> identifiers, List<MergeView> merges,
		List<SourceView> organisationSources, List<SourceView> jobRoleSources, Choice organisationsChosen,
		Choice jobRolesChosen) {

	/**
	 * Where one organisation (by code) or job role came from: {@code coordinator},
	 * {@code course}, {@code launch}, {@code deployment}, {@code platform}, or
	 * {@code unknown} (held before sources were recorded).
	 */
	record SourceView(String value, String source, String detail, Instant since) {
	}

	/** A coordinator's choice, which no rule changes; null when the rules place. */
	record Choice(String by, Instant at) {
	}

	record IdentifierView(long id, String kind, String value, JsonNode agent, String linkRule, String explanation,
			String note, Instant linkedAt) {
	}

	record MergeView(long id, long survivor, long absorbed, String mergedBy, Instant mergedAt, String reason,
			String splitBy, Instant splitAt) {
	}

}
