package org.attc.tracker.notifications.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.crediting.CreditingRoutes;
import org.attc.tracker.framework.Capability;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.Tier;
import org.attc.tracker.notifications.DueItem;
import org.springframework.stereotype.Component;

/**
 * What is "due": a capability a role profile of the learner requires, held at the tier
 * required and running out within the largest horizon, or run out within the last
 * {@code justExpiredDays}. The one rule behind reminders and the launch page's list.
 */
@Component
public class DueRule {

	private final CreditingRoutes routes;

	private final CapabilityCatalogue catalogue;

	DueRule(CreditingRoutes routes, CapabilityCatalogue catalogue) {
		this.routes = routes;
		this.catalogue = catalogue;
	}

	/**
	 * The due items among one learner's attainments, soonest first.
	 * @param horizons days, largest first
	 */
	public List<DueItem> items(List<CapabilityAttainment> attainments, List<Integer> horizons, int justExpiredDays,
			Instant now, Map<String, Optional<Capability>> capabilities) {
		List<DueItem> due = new ArrayList<>();
		for (CapabilityAttainment a : attainments) {
			if (a.requiredTier() == null || a.expiresAt() == null) {
				continue;
			}
			Integer horizon = horizon(a, horizons, justExpiredDays, now);
			if (horizon == null) {
				continue;
			}
			Optional<Capability> capability = capabilities.computeIfAbsent(a.capabilityIdentifier(),
					this.catalogue::capability);
			String code = (a.capabilityCode() != null) ? a.capabilityCode() : a.capabilityIdentifier();
			String tierName = capability.flatMap((c) -> c.tierScale().byRank(a.requiredTier()))
				.map(Tier::name)
				.orElse("tier " + a.requiredTier());
			long daysLeft = Duration.between(now, a.expiresAt()).toDays();
			due.add(new DueItem(a.capabilityIdentifier(), code, a.capabilityTitle(), tierName, a.expiresAt(),
					(horizon == 0) ? Math.min(0, daysLeft) : daysLeft, horizon,
					this.routes.toClose(a.capabilityIdentifier(), a.requiredTier())));
		}
		due.sort(Comparator.comparing(DueItem::expiresAt));
		return due;
	}

	/** A cache of capabilities for one run. */
	public static Map<String, Optional<Capability>> cache() {
		return new HashMap<>();
	}

	/**
	 * The smallest horizon the expiry is inside (days), 0 when just expired, null when
	 * not due.
	 */
	static Integer horizon(CapabilityAttainment a, List<Integer> horizons, int justExpiredDays, Instant now) {
		if (a.status() == AttainmentStatus.EXPIRED) {
			boolean recent = !a.expiresAt().isAfter(now)
					&& a.expiresAt().isAfter(now.minus(Duration.ofDays(justExpiredDays)));
			return recent ? 0 : null;
		}
		// held at the tier required (crediting says IN_PROGRESS for a lower tier)
		if (a.status() != AttainmentStatus.ACHIEVED && a.status() != AttainmentStatus.EXPIRING) {
			return null;
		}
		Integer reached = null;
		for (int h : horizons) {
			if (!a.expiresAt().isAfter(now.plus(Duration.ofDays(h)))) {
				reached = (reached == null) ? h : Math.min(reached, h);
			}
		}
		return reached;
	}

}
