package org.attc.tracker.crediting.internal.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attc.tracker.framework.Capability;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.PublishedFramework;
import org.attc.tracker.framework.Tier;
import org.springframework.stereotype.Component;

/**
 * What the crediting forms (a mapping, a sign-off) offer to choose from, built from the
 * current frameworks so a person picks a capability and a tier instead of typing codes;
 * the server still checks what is sent.
 */
@Component
class FrameworkChoices {

	private final CapabilityCatalogue catalogue;

	FrameworkChoices(CapabilityCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	/** The capabilities by domain, in the framework's order. */
	Map<String, List<Capability>> capabilities() {
		return this.catalogue.capabilitiesByDomain();
	}

	/**
	 * Each published framework's tiers, by the framework's name. A tier is sent as its
	 * rank, which means the same step on the chosen capability's own scale.
	 */
	Map<String, List<Tier>> tierScales() {
		Map<String, List<Tier>> scales = new LinkedHashMap<>();
		for (PublishedFramework framework : this.catalogue.publishedFrameworks()) {
			this.catalogue.tierScale(framework.frameworkId())
				.filter((scale) -> !scale.isEmpty())
				.ifPresent((scale) -> scales.put(framework.displayName(), scale.tiers()));
		}
		return scales;
	}

}
