package org.attc.tracker.framework;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The ordered tiers of one framework version, lowest rank first.
 *
 * @param tiers the tiers ordered by rank
 */
public record TierScale(List<Tier> tiers) {

	public TierScale {
		tiers = tiers.stream().sorted(Comparator.comparingInt(Tier::rank)).toList();
	}

	/** The tier with this rank, if the scale has one. */
	public Optional<Tier> byRank(int rank) {
		return this.tiers.stream().filter((t) -> t.rank() == rank).findFirst();
	}

	/** The tier with this code (case-insensitive), if the scale has one. */
	public Optional<Tier> byCode(String code) {
		return this.tiers.stream().filter((t) -> t.code().equalsIgnoreCase(code)).findFirst();
	}

	public boolean isEmpty() {
		return this.tiers.isEmpty();
	}

}
