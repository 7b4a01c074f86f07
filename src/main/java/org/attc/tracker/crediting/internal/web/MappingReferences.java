package org.attc.tracker.crediting.internal.web;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.attc.tracker.crediting.internal.engine.MappingAdministration;
import org.attc.tracker.framework.CapabilityReferences;
import org.springframework.stereotype.Component;

/**
 * The active mappings that credit given capabilities, for the framework page's list of
 * mappings left pointing at capabilities a new version removed.
 */
@Component
class MappingReferences implements CapabilityReferences {

	private final MappingAdministration administration;

	MappingReferences(MappingAdministration administration) {
		this.administration = administration;
	}

	@Override
	public List<Reference> to(Collection<String> capabilityIdentifiers) {
		Set<String> wanted = Set.copyOf(capabilityIdentifiers);
		return this.administration.list()
			.stream()
			.filter((m) -> wanted.contains(m.definition().capabilityIdentifier()))
			.map(MappingApi.MappingView::of)
			.map((m) -> new Reference(m.capability().get("identifier"),
					"Mapping " + m.id() + ": " + activity(m) + " credits tier " + m.tier()
							+ ((m.organisation() != null) ? " (" + m.organisation() + ")" : ""),
					"/mappings/" + m.id() + "/edit"))
			.toList();
	}

	private static String activity(MappingApi.MappingView m) {
		if (m.activityId() != null) {
			return m.activityId();
		}
		if (m.cmi5CourseId() != null) {
			return "cmi5 course " + m.cmi5CourseId();
		}
		return "LMS course " + m.contextId() + " on " + m.platformIssuer();
	}

}
