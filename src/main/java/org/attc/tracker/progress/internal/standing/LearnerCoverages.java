package org.attc.tracker.progress.internal.standing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.framework.RoleProfile;
import org.attc.tracker.progress.internal.CapabilityCache;
import org.attc.tracker.shared.LearnerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Per-learner coverage for the national summary, from the summary table
 * {@code prog_learner_coverage}: one short row per learner instead of a row per
 * capability. A row is used only while it still describes the learner: it is deleted
 * whenever their standings are replaced or marked stale, it names the role profiles it
 * was counted against (a job role or framework change makes it unusable), and it ends
 * when the learner's evidence next runs out. Missing rows are counted from the standings
 * and stored, unless those changed in the meantime.
 */
@Service
public class LearnerCoverages {

	private static final Logger log = LoggerFactory.getLogger(LearnerCoverages.class);

	private static final int CHUNK = 2000;

	private final StandingStore store;

	private final Standings standings;

	private final CapabilityCache capabilities;

	private final TransactionTemplate transaction;

	LearnerCoverages(StandingStore store, Standings standings, CapabilityCache capabilities,
			PlatformTransactionManager transactions) {
		this.store = store;
		this.standings = standings;
		this.capabilities = capabilities;
		this.transaction = new TransactionTemplate(transactions);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		// repeatable read: the share locks of the check also cover the gap where a
		// learner's
		// first standing would be inserted
		this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	/**
	 * Each learner's coverage at {@code now}, counted against the role profiles of their
	 * job roles.
	 * @param jobRoles learners (current ids) with their job role codes
	 */
	public Map<LearnerId, LearnerCoverage> of(Map<LearnerId, ? extends Collection<String>> jobRoles, Instant now) {
		Map<Set<String>, Basis> bases = new java.util.HashMap<>();
		Map<LearnerId, LearnerCoverage> result = new LinkedHashMap<>();
		// the future (what-if) is answered but not stored: it is not what the next reader
		// asks
		boolean storable = !now.isAfter(Instant.now().plusSeconds(60));
		List<LearnerId> learners = new ArrayList<>(jobRoles.keySet());
		for (int from = 0; from < learners.size(); from += CHUNK) {
			List<LearnerId> chunk = learners.subList(from, Math.min(learners.size(), from + CHUNK));
			Map<Long, StandingStore.StoredCoverage> stored = this.store
				.coverages(chunk.stream().map(LearnerId::value).toList());
			Map<LearnerId, Collection<String>> missing = new LinkedHashMap<>();
			for (LearnerId learner : chunk) {
				Basis basis = bases.computeIfAbsent(Set.copyOf(jobRoles.get(learner)), this::basis);
				StandingStore.StoredCoverage row = stored.get(learner.value());
				LearnerCoverage coverage = (row != null && row.basisKey().equals(basis.key())
						&& !now.isBefore(row.computedAt())
						&& (row.validUntil() == null || now.isBefore(row.validUntil()))) ? read(row, basis) : null;
				if (coverage != null) {
					result.put(learner, coverage);
				}
				else {
					missing.put(learner, jobRoles.get(learner));
				}
			}
			if (!missing.isEmpty()) {
				count(missing, bases, now, storable).forEach(result::put);
			}
		}
		// in the caller's order
		Map<LearnerId, LearnerCoverage> ordered = new LinkedHashMap<>();
		learners.forEach((l) -> ordered.put(l, result.get(l)));
		return ordered;
	}

	private Map<LearnerId, LearnerCoverage> count(Map<LearnerId, Collection<String>> learners,
			Map<Set<String>, Basis> bases, Instant now, boolean storable) {
		List<Long> ids = learners.keySet().stream().map(LearnerId::value).toList();
		Map<Long, String> before = this.store.fingerprints(ids, false);
		Map<LearnerId, Instant> horizons = new java.util.HashMap<>();
		Map<LearnerId, List<CapabilityAttainment>> attainments = this.standings.attainments(learners, now, horizons);
		Map<LearnerId, LearnerCoverage> counted = new LinkedHashMap<>();
		List<StandingStore.StoredCoverage> rows = new ArrayList<>();
		attainments.forEach((learner, list) -> {
			Basis basis = bases.computeIfAbsent(Set.copyOf(learners.get(learner)), this::basis);
			LearnerCoverage coverage = LearnerCoverage.of(list, basis.profiles(), this::domain);
			counted.put(learner, coverage);
			rows.add(new StandingStore.StoredCoverage(learner.value(), basis.key(), coverage.held(),
					coverage.required(), write(coverage, basis), horizons.get(learner), now));
		});
		if (storable) {
			try {
				this.transaction.executeWithoutResult((status) -> {
					// stored only for learners whose standings are still the ones counted
					// (locked until the commit, so a replacement waits and then deletes
					// it)
					Map<Long, String> after = this.store.fingerprints(ids, true);
					Set<Long> marked = this.store.marks(ids).keySet();
					this.store.storeCoverages(rows.stream()
						.filter((r) -> java.util.Objects.equals(before.get(r.learnerId()), after.get(r.learnerId()))
								&& !marked.contains(r.learnerId()))
						.toList());
				});
			}
			catch (ConcurrencyFailureException ex) {
				// the answer is right; storing it can wait for the next reader
				log.debug("coverage of {} learners not stored this time", rows.size(), ex);
			}
		}
		return counted;
	}

	/**
	 * The role profiles a set of job roles selects (the first of each code, as the
	 * summary names them), the domains their requirements fall in, and a key for all of
	 * it: every profile's requirements and the domains of the required capabilities.
	 */
	private record Basis(Map<String, RoleProfile> profiles, List<String> domains, String key) {
	}

	private Basis basis(Set<String> jobRoles) {
		List<RoleProfile> all = jobRoles.isEmpty() ? List.of() : this.capabilities.roleProfiles(jobRoles);
		Map<String, RoleProfile> profiles = new LinkedHashMap<>();
		Set<String> domains = new TreeSet<>();
		StringBuilder key = new StringBuilder(new TreeSet<>(jobRoles).toString());
		for (RoleProfile profile : all) {
			profiles.putIfAbsent(profile.code(), profile);
			key.append('\n').append(profile.frameworkId()).append(' ').append(profile.code());
			for (RoleProfile.Requirement r : profile.requirements()) {
				String domain = domain(r.capabilityIdentifier());
				domains.add(domain);
				key.append('\n')
					.append(r.capabilityIdentifier())
					.append(' ')
					.append(r.tierRank())
					.append(' ')
					.append(domain);
			}
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(key.toString().getBytes(StandardCharsets.UTF_8));
			return new Basis(profiles, List.copyOf(domains), HexFormat.of().formatHex(digest));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String domain(String capability) {
		return CapabilityCache.domainTitle(this.capabilities.capability(capability));
	}

	/**
	 * "held/required" per domain then per role profile, in the basis's order (the basis
	 * key names them, so a row is only read against the same basis): a few dozen bytes a
	 * learner rather than the domains' titles.
	 */
	private static String write(LearnerCoverage coverage, Basis basis) {
		StringBuilder text = new StringBuilder();
		for (String domain : basis.domains()) {
			LearnerCoverage.Count c = coverage.domains().getOrDefault(domain, new LearnerCoverage.Count(0, 0));
			text.append(c.held()).append('/').append(c.required()).append(' ');
		}
		for (String role : basis.profiles().keySet()) {
			LearnerCoverage.Count c = coverage.roles().get(role);
			text.append(c.held()).append('/').append(c.required()).append(' ');
		}
		return text.toString();
	}

	/** The row's coverage, or null when it does not fit the basis. */
	private static LearnerCoverage read(StandingStore.StoredCoverage row, Basis basis) {
		String[] counts = row.breakdown().isEmpty() ? new String[0] : row.breakdown().trim().split(" ");
		if (counts.length != basis.domains().size() + basis.profiles().size()) {
			return null;
		}
		Map<String, LearnerCoverage.Count> domains = new LinkedHashMap<>();
		int i = 0;
		for (String domain : basis.domains()) {
			LearnerCoverage.Count c = count(counts[i++]);
			if (c.required() > 0) {
				domains.put(domain, c);
			}
		}
		Map<String, LearnerCoverage.Count> roles = new LinkedHashMap<>();
		for (String role : basis.profiles().keySet()) {
			roles.put(role, count(counts[i++]));
		}
		return new LearnerCoverage(row.held(), row.required(), domains, roles);
	}

	private static LearnerCoverage.Count count(String text) {
		int slash = text.indexOf('/');
		return new LearnerCoverage.Count(Integer.parseInt(text, 0, slash, 10),
				Integer.parseInt(text, slash + 1, text.length(), 10));
	}

}
