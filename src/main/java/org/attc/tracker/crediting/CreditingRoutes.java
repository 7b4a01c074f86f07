package org.attc.tracker.crediting;

import java.util.List;

import org.attc.tracker.crediting.internal.mapping.ActivityMapping;
import org.attc.tracker.crediting.internal.mapping.MappingDefinition;
import org.attc.tracker.crediting.internal.mapping.MappingIndex;
import org.attc.tracker.xapi.Statements;
import org.springframework.stereotype.Service;

/** The activities that credit capabilities: what a learner can do to close a gap. */
@Service
public class CreditingRoutes {

	private final MappingIndex mappings;

	private final Statements statements;

	CreditingRoutes(MappingIndex mappings, Statements statements) {
		this.mappings = mappings;
		this.statements = statements;
	}

	/**
	 * What people read for these activities (a route's target, an evidence's activity)
	 * instead of their IRIs: the names the statements' activity definitions give them.
	 * @return a name for each activity that has one; the others are left out
	 */
	public java.util.Map<String, String> activityNames(java.util.Collection<String> activityIds) {
		return this.statements.activityNames(activityIds);
	}

	/** Every active mapping, as routes, in mapping order. */
	public List<CreditingRoute> all() {
		return this.mappings.all().stream().map(CreditingRoutes::route).toList();
	}

	/** The active mappings that credit this capability at this tier or above. */
	public List<CreditingRoute> to(String capabilityIdentifier, int minimumTier) {
		return all().stream()
			.filter((r) -> r.capabilityIdentifier().equals(capabilityIdentifier) && r.tier() >= minimumTier)
			.toList();
	}

	/**
	 * How to close a gap on a capability: the active mappings that credit it at the tier
	 * the learner's role profiles require, or at any tier when none is required. The one
	 * rule behind every "how to close this gap" list (the learner's page, the launch
	 * page, reminders of expiry).
	 * @param capabilityIdentifier the capability
	 * @param requiredTier the tier rank required; null when no role profile requires it
	 */
	public List<CreditingRoute> toClose(String capabilityIdentifier, Integer requiredTier) {
		return to(capabilityIdentifier, (requiredTier != null) ? requiredTier : 1);
	}

	/**
	 * What an LMS course credits: its course mappings, and its links' mappings.
	 * @param platformIssuer the platform's issuer
	 * @param contextId the course's LTI context id
	 */
	public List<CreditingRoute> ofCourse(String platformIssuer, String contextId) {
		return all().stream()
			.filter((r) -> r.platformIssuer() != null && sameIssuer(r.platformIssuer(), platformIssuer)
					&& contextId.equals(r.contextId()))
			.toList();
	}

	/**
	 * What an LTI resource link stands for: the mappings made for the link, or, when it
	 * has none, the mappings of its course made for no particular link.
	 */
	public List<CreditingRoute> ofLink(String platformIssuer, String contextId, String resourceLinkId) {
		List<CreditingRoute> course = ofCourse(platformIssuer, contextId);
		List<CreditingRoute> link = course.stream().filter((r) -> resourceLinkId.equals(r.resourceLinkId())).toList();
		return link.isEmpty() ? course.stream().filter((r) -> r.resourceLinkId() == null).toList() : link;
	}

	/** Whether two issuer URLs name the same platform (a trailing slash aside). */
	public static boolean sameIssuer(String a, String b) {
		return trimSlash(a).equals(trimSlash(b));
	}

	private static String trimSlash(String issuer) {
		return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
	}

	private static CreditingRoute route(ActivityMapping mapping) {
		MappingDefinition d = mapping.definition();
		String platform = d.platformIssuer();
		String target = (d.cmi5CourseId() != null) ? d.cmi5CourseId()
				: (d.contextId() != null) ? d.contextId() : d.activityId();
		return new CreditingRoute(mapping.id(), d.capabilityIdentifier(), d.tierRank(),
				d.match().kind().name().toLowerCase(), target, platform, d.validityMonths(), d.contextId(),
				d.resourceLinkId());
	}

}
