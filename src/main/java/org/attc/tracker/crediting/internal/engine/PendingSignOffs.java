package org.attc.tracker.crediting.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.Attainments;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.crediting.CapabilityStanding;
import org.attc.tracker.crediting.CreditingRoutes;
import org.attc.tracker.crediting.internal.standing.StandingStore;
import org.attc.tracker.framework.Capability;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.PublishedFramework;
import org.attc.tracker.framework.RoleProfile;
import org.attc.tracker.framework.Tier;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.LearnerId;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * An assessor's worklist: the practical capabilities that wait for their sign-off. A
 * capability waits for a sign-off when a learner's role profiles require it, the learner
 * does not hold it at the tier required (not started, in progress, expired, or expiring
 * soon) and no active mapping credits it at that tier: no activity can close the gap,
 * only an assessor who observes the learner (the same rule the learner's page follows
 * when it says "ask your training coordinator about an assessor sign-off").
 */
@Component
public class PendingSignOffs {

	/** Learners on one page of the worklist. */
	public static final int PAGE = 25;

	/** At most this many learners answer one search. */
	public static final int SEARCH_LIMIT = 50;

	private final Learners learners;

	private final Attainments attainments;

	private final CreditingRoutes routes;

	private final CapabilityCatalogue catalogue;

	private final StandingStore standings;

	PendingSignOffs(Learners learners, Attainments attainments, CreditingRoutes routes, CapabilityCatalogue catalogue,
			StandingStore standings) {
		this.standings = standings;
		this.learners = learners;
		this.attainments = attainments;
		this.routes = routes;
		this.catalogue = catalogue;
	}

	/** A learner with the capabilities waiting for a sign-off (possibly none). */
	public record Learner(long id, String name, String email, List<Item> pending) {

		public String displayName() {
			return (this.name != null && !this.name.isBlank()) ? this.name : "Learner " + this.id;
		}

	}

	/**
	 * One capability waiting for a sign-off.
	 *
	 * @param capabilityIdentifier the capability
	 * @param label its code and title
	 * @param requiredTier the tier rank the learner's role profiles require
	 * @param requiredTierName that tier's name
	 * @param status where the learner stands now
	 */
	public record Item(String capabilityIdentifier, String label, int requiredTier, String requiredTierName,
			AttainmentStatus status) {
	}

	/**
	 * One page of a worklist: learners with something pending, by record number.
	 *
	 * @param learners the learners of the page
	 * @param next the record number to continue after, or null on the last page
	 * @param total how many learners in scope have something pending
	 */
	public record Page(List<Learner> learners, Long next, int total) {
	}

	/**
	 * The caller's worklist: learners in their scope (their organisations, a trust with
	 * its sites) with capabilities waiting for a sign-off, {@link #PAGE} at a time after
	 * record number {@code after} (keyset). Chosen without reading everyone in scope:
	 * only learners whose job roles ask for a capability no activity credits (selected in
	 * SQL), and of their standings only those on such capabilities; attainment in full is
	 * read for the page's learners.
	 */
	public Page worklist(Authentication caller, long after) {
		Instant now = Instant.now();
		Map<String, Boolean> routeless = new HashMap<>();
		Set<String> roles = new HashSet<>();
		Set<String> capabilities = new HashSet<>();
		for (PublishedFramework framework : this.catalogue.publishedFrameworks()) {
			for (RoleProfile profile : this.catalogue.roleProfiles(framework.frameworkId())) {
				for (RoleProfile.Requirement r : profile.requirements()) {
					if (routeless(r.capabilityIdentifier(), r.tierRank(), routeless)) {
						roles.add(profile.code());
						capabilities.add(r.capabilityIdentifier());
					}
				}
			}
		}
		// per candidate, the capabilities only a sign-off can close, at the tier their
		// role profiles ask (the highest of them, as their attainment is measured)
		Map<Long, Map<String, Integer>> asked = new LinkedHashMap<>();
		Map<LearnerId, Set<String>> candidates = this.learners.learnersWithJobRoles(caller, roles);
		Map<Set<String>, Map<String, Integer>> requiredByRoles = new HashMap<>();
		candidates.forEach((learner, jobRoles) -> {
			Map<String, Integer> mine = new HashMap<>();
			requiredByRoles.computeIfAbsent(jobRoles, this.attainments::requiredTiers).forEach((capability, tier) -> {
				if (capabilities.contains(capability) && routeless(capability, tier, routeless)) {
					mine.put(capability, tier);
				}
			});
			if (!mine.isEmpty()) {
				asked.put(learner.value(), mine);
			}
		});
		Map<Long, Map<String, CapabilityStanding>> standings = new HashMap<>();
		for (CapabilityStanding s : this.standings.of(asked.keySet(), capabilities, now)) {
			standings.computeIfAbsent(s.learnerId(), (l) -> new HashMap<>()).put(s.capabilityIdentifier(), s);
		}
		List<Long> pending = new ArrayList<>();
		asked.forEach((learner, mine) -> {
			Map<String, CapabilityStanding> held = standings.getOrDefault(learner, Map.of());
			boolean waits = mine.entrySet().stream().anyMatch((e) -> {
				CapabilityStanding s = held.get(e.getKey());
				return s == null || this.attainments.status(s, e.getValue(), now) != AttainmentStatus.ACHIEVED;
			});
			if (waits) {
				pending.add(learner);
			}
		});
		List<Long> page = pending.stream().filter((id) -> id > after).sorted().limit(PAGE + 1).toList();
		Long next = (page.size() > PAGE) ? page.get(PAGE - 1).longValue() : null;
		List<LearnerProfile> profiles = this.learners.profiles(page.subList(0, Math.min(PAGE, page.size())));
		return new Page(assess(profiles), next, pending.size());
	}

	/** Whether no active mapping credits this capability at this tier. */
	private boolean routeless(String capability, Integer tier, Map<String, Boolean> known) {
		return tier != null && known.computeIfAbsent(capability + "@" + tier,
				(k) -> this.routes.toClose(capability, tier).isEmpty());
	}

	/**
	 * The learners in the caller's scope whom {@code query} finds, as the learners list
	 * searches (the start of a name or of any word of it, of an e-mail address, any case,
	 * or a record number; a {@code mailto:} prefix is ignored), at most
	 * {@link #SEARCH_LIMIT}, with what waits for each.
	 */
	public List<Learner> search(Authentication caller, String query) {
		String wanted = query.strip();
		String text = wanted.regionMatches(true, 0, "mailto:", 0, "mailto:".length())
				? wanted.substring("mailto:".length()) : wanted;
		return assess(this.learners.search(caller, text).stream().limit(SEARCH_LIMIT).toList());
	}

	private List<Learner> assess(List<LearnerProfile> profiles) {
		Map<LearnerId, List<String>> jobRoles = new LinkedHashMap<>();
		profiles.stream()
			.sorted(Comparator.comparingLong((LearnerProfile p) -> p.id().value()))
			.forEach((p) -> jobRoles.put(p.id(), List.copyOf(p.jobRoles())));
		Map<LearnerId, LearnerProfile> byId = new HashMap<>();
		profiles.forEach((p) -> byId.put(p.id(), p));
		Map<String, Boolean> routeless = new HashMap<>();
		Map<String, Optional<Capability>> capabilities = new HashMap<>();
		List<Learner> result = new ArrayList<>();
		this.attainments.forLearners(jobRoles, Instant.now()).forEach((id, attainments) -> {
			List<Item> items = new ArrayList<>();
			for (CapabilityAttainment a : attainments) {
				if (a.requiredTier() == null || a.status() == AttainmentStatus.ACHIEVED) {
					continue;
				}
				boolean noActivity = routeless(a.capabilityIdentifier(), a.requiredTier(), routeless);
				if (noActivity) {
					Optional<Capability> capability = capabilities.computeIfAbsent(a.capabilityIdentifier(),
							this.catalogue::capability);
					items.add(new Item(a.capabilityIdentifier(),
							capability.map(Capability::label).orElse(a.capabilityIdentifier()), a.requiredTier(),
							capability.flatMap((c) -> c.tierScale().byRank(a.requiredTier()))
								.map(Tier::name)
								.orElse("Tier " + a.requiredTier()),
							a.status()));
				}
			}
			LearnerProfile profile = byId.get(id);
			result.add(new Learner(id.value(), profile.name(), profile.email(), items));
		});
		return result;
	}

}
