package org.attc.tracker.progress.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.attc.tracker.crediting.CapabilityHolding;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.identity.OrganisationSummary;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * Attainment over time: at the end of each month, how many learners held every capability
 * their role profiles require in a domain at the tier required (per domain), and every
 * required capability (per organisation). Drawn from the periods in which current credits
 * and sign-offs hold a capability (achieved, until expiry), so a month counts what had
 * been achieved by then and had not yet expired. The learners' current organisations and
 * job roles are used for every month: the service keeps no history of them.
 */
@Service
public class Trends {

	/** Months a trend may cover. */
	public static final int MAX_MONTHS = 36;

	private final ProgressScope scope;

	private final CohortAttainments attainments;

	private final CapabilityCatalogue catalogue;

	private final CapabilityCache capabilityCache;

	Trends(ProgressScope scope, CohortAttainments attainments, CapabilityCatalogue catalogue,
			CapabilityCache capabilityCache) {
		this.capabilityCache = capabilityCache;
		this.scope = scope;
		this.attainments = attainments;
		this.catalogue = catalogue;
	}

	/**
	 * @param months the month labels (YYYY-MM), oldest first; the last is this month,
	 * measured now
	 * @param domains one series per framework domain
	 * @param organisations one series per organisation in the caller's scope with
	 * learners who have requirements
	 */
	public record Trend(CohortFilter filter, List<String> months, List<Series> domains, List<Series> organisations,
			Instant generatedAt) {
	}

	/**
	 * @param name the domain's or organisation's name
	 * @param code the organisation code (null for a domain)
	 * @param points one per month, in the order of {@link Trend#months()}
	 */
	public record Series(String name, String code, List<Point> points) {
	}

	/**
	 * @param holding learners who held everything required
	 * @param of learners with anything required
	 * @param percent {@code holding} as a whole percentage of {@code of} (0 when none)
	 */
	public record Point(int holding, int of, int percent) {

		static Point of(int holding, int of) {
			return new Point(holding, of, (of == 0) ? 0 : (int) Math.round(100.0 * holding / of));
		}

	}

	public Trend of(Authentication caller, CohortFilter filter, int months) {
		if (months < 2 || months > MAX_MONTHS) {
			throw new IllegalArgumentException("months: must be a whole number from 2 to " + MAX_MONTHS);
		}
		Instant now = Instant.now();
		List<LearnerProfile> learners = this.scope
			.cohort(caller, (filter.organisation() != null) ? Set.of(filter.organisation()) : Set.of())
			.stream()
			.filter((l) -> filter.role() == null || l.jobRoles().contains(filter.role()))
			.toList();
		List<String> labels = new ArrayList<>();
		List<Instant> moments = new ArrayList<>();
		YearMonth current = YearMonth.from(LocalDate.ofInstant(now, ZoneOffset.UTC));
		for (int i = months - 1; i >= 0; i--) {
			YearMonth month = current.minusMonths(i);
			labels.add(month.toString());
			// the end of each past month; this month as of now
			moments.add((i == 0) ? now : month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
		}
		CapabilityDirectory directory = new CapabilityDirectory(this.capabilityCache);
		Map<Long, List<CapabilityHolding>> holdings = this.attainments
			.holdings(learners.stream().map((l) -> l.id().value()).toList());
		Map<Set<String>, Map<String, Integer>> requiredByRoles = new HashMap<>();
		Map<String, int[][]> byDomain = new TreeMap<>();
		Map<String, int[][]> byOrganisation = new TreeMap<>();
		for (LearnerProfile learner : learners) {
			Map<String, Integer> required = requiredByRoles.computeIfAbsent(Set.copyOf(learner.jobRoles()),
					this.capabilityCache::requiredTiers);
			if (required.isEmpty()) {
				continue;
			}
			Map<String, List<CapabilityHolding>> mine = new HashMap<>();
			for (CapabilityHolding h : holdings.getOrDefault(learner.id().value(), List.of())) {
				mine.computeIfAbsent(h.capabilityIdentifier(), (c) -> new ArrayList<>()).add(h);
			}
			Map<String, List<String>> domains = new LinkedHashMap<>();
			required.keySet()
				.forEach((c) -> domains.computeIfAbsent(directory.domain(c), (d) -> new ArrayList<>()).add(c));
			for (int m = 0; m < moments.size(); m++) {
				Instant at = moments.get(m);
				boolean all = true;
				for (Map.Entry<String, List<String>> domain : domains.entrySet()) {
					boolean held = domain.getValue()
						.stream()
						.allMatch((c) -> heldAt(mine.getOrDefault(c, List.of()), required.get(c), at));
					all &= held;
					count(byDomain, domain.getKey(), months, m, held);
				}
				for (String organisation : learner.organisationCodes()) {
					count(byOrganisation, organisation, months, m, all);
				}
			}
		}
		Map<String, String> names = new HashMap<>();
		for (OrganisationSummary o : this.scope.organisations(caller)) {
			names.put(o.code(), o.name());
		}
		List<Series> domainSeries = new ArrayList<>();
		byDomain.forEach((name, counts) -> domainSeries.add(new Series(name, null, points(counts))));
		List<Series> organisationSeries = new ArrayList<>();
		byOrganisation.forEach((code, counts) -> {
			// a learner may also belong to an organisation the caller does not see
			if (names.containsKey(code)) {
				organisationSeries.add(new Series(names.get(code), code, points(counts)));
			}
		});
		return new Trend(filter, labels, domainSeries, organisationSeries, now);
	}

	/**
	 * Held at the moment: achieved by then, not yet expired, at the tier asked or above.
	 */
	static boolean heldAt(Collection<CapabilityHolding> holdings, int tier, Instant at) {
		for (CapabilityHolding h : holdings) {
			if (h.tier() >= tier && !h.achievedAt().isAfter(at)
					&& (h.expiresAt() == null || h.expiresAt().isAfter(at))) {
				return true;
			}
		}
		return false;
	}

	private static void count(Map<String, int[][]> series, String key, int months, int month, boolean held) {
		int[][] counts = series.computeIfAbsent(key, (k) -> new int[months][2]);
		counts[month][1]++;
		if (held) {
			counts[month][0]++;
		}
	}

	private static List<Point> points(int[][] counts) {
		List<Point> points = new ArrayList<>();
		for (int[] c : counts) {
			points.add(Point.of(c[0], c[1]));
		}
		return points;
	}

}
