package org.attc.tracker.crediting.internal.mapping;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.attc.tracker.crediting.internal.rule.ActivityMatch;
import org.attc.tracker.crediting.internal.rule.MoveOn;
import org.attc.tracker.crediting.internal.rule.Verbs;
import org.attc.tracker.framework.Capability;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.Tier;
import org.springframework.stereotype.Component;

/**
 * Checks a mapping request against the rules and the current frameworks; collects every
 * fault.
 */
@Component
public class MappingValidation {

	private final CapabilityCatalogue catalogue;

	MappingValidation(CapabilityCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	public MappingDefinition check(MappingRequest request) {
		List<InvalidMapping.Fault> faults = new ArrayList<>();
		if (request == null) {
			throw new InvalidMapping(List.of(new InvalidMapping.Fault("body", "a mapping JSON object is required")));
		}
		ActivityMatch match = match(request, faults);
		Capability capability = capability(request.capability(), faults);
		int tier = tier(request.tier(), capability, faults);
		Set<String> verbs = new LinkedHashSet<>();
		if (request.verbs() != null) {
			for (String verb : request.verbs()) {
				if (!isAbsoluteIri(verb)) {
					faults.add(new InvalidMapping.Fault("verbs", "each verb is an absolute IRI, not " + verb));
				}
				else if (Verbs.NEVER_CREDITING.contains(verb)) {
					faults.add(new InvalidMapping.Fault("verbs", verb + " never credits"));
				}
				else {
					verbs.add(verb);
				}
			}
		}
		Double minScore = request.minScaledScore();
		if (minScore != null && (minScore < 0 || minScore > 1 || minScore.isNaN())) {
			faults.add(new InvalidMapping.Fault("minScaledScore",
					"a proportion between 0 and 1 of the score's range (0.8 for 80%)"));
		}
		MoveOn moveOn = null;
		if (request.moveOn() != null) {
			try {
				moveOn = MoveOn.valueOf(request.moveOn()
					.replaceAll("([a-z])([A-Z])", "$1_$2")
					.toUpperCase(Locale.ROOT)
					.replace('-', '_'));
			}
			catch (IllegalArgumentException ex) {
				faults.add(new InvalidMapping.Fault("moveOn",
						"one of Passed, Completed, CompletedAndPassed, CompletedOrPassed, NotApplicable"));
			}
			if (request.cmi5CourseId() == null) {
				faults.add(new InvalidMapping.Fault("moveOn", "applies to cmi5 mappings (cmi5CourseId) only"));
			}
		}
		if ((request.points() == null) != (request.threshold() == null)) {
			faults.add(new InvalidMapping.Fault((request.points() == null) ? "points" : "threshold",
					"points and threshold go together"));
		}
		if (request.points() != null && request.points() < 1) {
			faults.add(new InvalidMapping.Fault("points", "a positive whole number"));
		}
		if (request.threshold() != null && request.threshold() < 1) {
			faults.add(new InvalidMapping.Fault("threshold", "a positive whole number"));
		}
		if (request.validityMonths() != null && (request.validityMonths() < 1 || request.validityMonths() > 600)) {
			faults.add(new InvalidMapping.Fault("validityMonths", "between 1 and 600 months, or absent for no expiry"));
		}
		if (!faults.isEmpty()) {
			throw new InvalidMapping(faults);
		}
		return new MappingDefinition(capability.identifier(), capability.code(), tier, match, request.activityId(),
				request.platformIssuer(), request.contextId(), request.resourceLinkId(), request.cmi5CourseId(), verbs,
				Boolean.TRUE.equals(request.requireSuccess()), minScore, moveOn, request.points(), request.threshold(),
				request.validityMonths());
	}

	private ActivityMatch match(MappingRequest request, List<InvalidMapping.Fault> faults) {
		int ways = (request.activityId() != null ? 1 : 0) + (request.platformIssuer() != null ? 1 : 0)
				+ (request.cmi5CourseId() != null ? 1 : 0);
		if (request.resourceLinkId() != null && request.platformIssuer() == null) {
			faults.add(new InvalidMapping.Fault("resourceLinkId",
					"a resource link goes with platformIssuer and contextId"));
			return null;
		}
		if (ways != 1) {
			faults.add(new InvalidMapping.Fault("activityId",
					"name the activity in exactly one way: activityId, platformIssuer with contextId, or cmi5CourseId"));
			return null;
		}
		if (request.activityId() != null) {
			if (!isAbsoluteIri(request.activityId())) {
				faults.add(new InvalidMapping.Fault("activityId", "an absolute IRI"));
				return null;
			}
			String kind = (request.match() == null) ? "exact" : request.match();
			return switch (kind) {
				case "exact" -> new ActivityMatch(ActivityMatch.Kind.EXACT, request.activityId());
				case "prefix" -> new ActivityMatch(ActivityMatch.Kind.PREFIX, request.activityId());
				default -> {
					faults.add(new InvalidMapping.Fault("match", "exact or prefix"));
					yield null;
				}
			};
		}
		if (request.platformIssuer() != null) {
			if (!isAbsoluteIri(request.platformIssuer())) {
				faults.add(new InvalidMapping.Fault("platformIssuer", "the platform's issuer URL"));
				return null;
			}
			if (request.resourceLinkId() != null && request.resourceLinkId().isBlank()) {
				faults.add(new InvalidMapping.Fault("resourceLinkId", "the LTI resource link id, or absent"));
				return null;
			}
			if (request.contextId() == null || request.contextId().isBlank()) {
				faults.add(new InvalidMapping.Fault("contextId", "the LMS course's LTI context id is required"));
				return null;
			}
			// Statements never name an LTI resource link, so a link's mapping credits
			// what its
			// course credits; the link decides what its launch page and its grade show.
			return ActivityMatch.lmsCourse(request.platformIssuer(), request.contextId());
		}
		if (!isAbsoluteIri(request.cmi5CourseId())) {
			faults.add(new InvalidMapping.Fault("cmi5CourseId", "the course's or AU's publisher id, an absolute IRI"));
			return null;
		}
		return new ActivityMatch(ActivityMatch.Kind.CMI5, request.cmi5CourseId());
	}

	private Capability capability(String reference, List<InvalidMapping.Fault> faults) {
		if (reference == null || reference.isBlank()) {
			faults.add(new InvalidMapping.Fault("capability", "the capability's identifier or code is required"));
			return null;
		}
		Optional<Capability> byIdentifier = this.catalogue.capability(reference);
		if (byIdentifier.isPresent()) {
			return byIdentifier.get();
		}
		List<Capability> byCode = this.catalogue.capabilitiesByCode(reference);
		if (byCode.size() == 1) {
			return byCode.get(0);
		}
		faults.add(new InvalidMapping.Fault("capability",
				byCode.isEmpty() ? "no capability " + reference + " in a published framework"
						: "code " + reference + " is used by several frameworks: give the capability's identifier"));
		return null;
	}

	private static int tier(String tier, Capability capability, List<InvalidMapping.Fault> faults) {
		if (tier == null || tier.isBlank()) {
			faults.add(new InvalidMapping.Fault("tier", "the tier this credits is required (its rank or code)"));
			return 0;
		}
		if (capability == null) {
			return 0;
		}
		Optional<Tier> found = tier.matches("\\d+") ? capability.tierScale().byRank(Integer.parseInt(tier))
				: capability.tierScale().byCode(tier);
		if (found.isEmpty()) {
			faults.add(new InvalidMapping.Fault("tier", "the framework has no tier " + tier + "; its tiers are "
					+ capability.tierScale().tiers().stream().map((t) -> t.rank() + " (" + t.code() + ")").toList()));
			return 0;
		}
		return found.get().rank();
	}

	private static boolean isAbsoluteIri(String value) {
		if (value == null || value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
			return false;
		}
		try {
			return URI.create(value).isAbsolute();
		}
		catch (IllegalArgumentException ex) {
			// IRIs may hold characters a URI may not; a scheme is what makes it absolute
			return value.matches("[A-Za-z][A-Za-z0-9+.-]*:.+");
		}
	}

}
