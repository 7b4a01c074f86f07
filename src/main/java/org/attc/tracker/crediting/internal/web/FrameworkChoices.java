package org.attc.tracker.crediting.internal.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.attc.tracker.framework.Capability;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.PublishedFramework;
import org.attc.tracker.framework.Tier;
import org.attc.tracker.framework.TierScale;
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
	 * The tiers to choose from, one per rank across the published frameworks' scales (a
	 * rank means the same step on the chosen capability's own scale, which the server
	 * checks the choice against), named as the frameworks name them.
	 */
	List<TierChoice> tiers() {
		Map<Integer, Set<String>> labels = new TreeMap<>();
		Map<Integer, Set<String>> codes = new TreeMap<>();
		for (PublishedFramework framework : this.catalogue.publishedFrameworks()) {
			for (Tier tier : this.catalogue.tierScale(framework.frameworkId())
				.map(TierScale::tiers)
				.orElse(List.of())) {
				labels.computeIfAbsent(tier.rank(), (r) -> new LinkedHashSet<>()).add(label(tier));
				codes.computeIfAbsent(tier.rank(), (r) -> new LinkedHashSet<>()).add(tier.code());
			}
		}
		return labels.entrySet()
			.stream()
			.map((e) -> new TierChoice(e.getKey(), String.join(" / ", e.getValue()), codes.get(e.getKey())))
			.toList();
	}

	/**
	 * The tier's name where it says which step it is ("Tier 2 – Practitioner"), else with
	 * its code ("T2 – Competent").
	 */
	private static String label(Tier tier) {
		String name = tier.name();
		boolean saysStep = name.contains(Integer.toString(tier.rank()))
				|| name.toLowerCase(Locale.ROOT).startsWith(tier.code().toLowerCase(Locale.ROOT));
		return saysStep ? name : tier.code() + " – " + name;
	}

	/**
	 * One tier to choose, sent as its rank.
	 *
	 * @param rank the rank sent
	 * @param label how the frameworks name it
	 * @param codes the codes the frameworks give it
	 */
	public record TierChoice(int rank, String label, Set<String> codes) {

		/** Whether the form sent this tier, by rank or by code. */
		public boolean chosenBy(String sent) {
			return sent != null && (sent.strip().equals(Integer.toString(this.rank))
					|| this.codes.stream().anyMatch((c) -> c.equalsIgnoreCase(sent.strip())));
		}

	}

}
