package org.attc.tracker.crediting;

import java.util.List;

import org.attc.tracker.crediting.internal.mapping.ActivityMapping;
import org.attc.tracker.crediting.internal.mapping.MappingDefinition;
import org.attc.tracker.crediting.internal.mapping.MappingIndex;
import org.springframework.stereotype.Service;

/** The activities that credit capabilities: what a learner can do to close a gap. */
@Service
public class CreditingRoutes {

	private final MappingIndex mappings;

	CreditingRoutes(MappingIndex mappings) {
		this.mappings = mappings;
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

	private static CreditingRoute route(ActivityMapping mapping) {
		MappingDefinition d = mapping.definition();
		String platform = d.platformIssuer();
		String target = (d.cmi5CourseId() != null) ? d.cmi5CourseId()
				: (d.contextId() != null) ? d.contextId() : d.activityId();
		return new CreditingRoute(mapping.id(), d.capabilityIdentifier(), d.tierRank(),
				d.match().kind().name().toLowerCase(), target, platform, d.validityMonths());
	}

}
