package org.attc.tracker.identity.internal.learner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.identity.LinkRule;
import org.attc.tracker.identity.LtiUser;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.InvalidAgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the one learner an identifier belongs to, linking it to a learner already known
 * by a rule (same e-mail, SHA-1 of a known mailbox, LMS account equal to an LTI user) or
 * creating a learner on first sight. Each resolution runs in its own short transaction
 * and is retried when another node or thread created the same identifier at the same
 * moment.
 */
@Component
public class LearnerResolution {

	private static final Log log = LogFactory.getLog(LearnerResolution.class);

	private final LearnerRepository learners;

	private final LearnerIdentifierRepository identifiers;

	private final TransactionTemplate ownTransaction;

	private final LearnerDirectory directory;

	private final NamedParameterJdbcTemplate jdbc;

	private final EntityManager entityManager;

	private final NewLearners newLearners;

	/** Held while this node creates the learners of a batch's new actors. */
	private final ReentrantLock firstSighting = new ReentrantLock();

	LearnerResolution(LearnerRepository learners, LearnerIdentifierRepository identifiers,
			PlatformTransactionManager transactionManager, LearnerDirectory directory, NamedParameterJdbcTemplate jdbc,
			EntityManager entityManager, NewLearners newLearners) {
		this.learners = learners;
		this.identifiers = identifiers;
		this.directory = directory;
		this.jdbc = jdbc;
		this.entityManager = entityManager;
		this.newLearners = newLearners;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	public LearnerId resolveActor(AgentIdentifier identifier, String name) {
		return retryingOnRace(() -> this.ownTransaction.execute((status) -> resolveActorNow(identifier, name)));
	}

	/**
	 * Resolves many actors at once (crediting does so per stored batch): the actors
	 * already known are read with one query; only those seen for the first time (or known
	 * by a learner without a name when the statement gives one, or by a learner merged
	 * away) go through {@link #resolveActor}'s rules, all in one transaction.
	 * @param actors each identifier with the name the statement gave (null for none)
	 * @return the current learner (merges followed) of every identifier
	 */
	public Map<AgentIdentifier, LearnerId> resolveActors(Map<AgentIdentifier, String> actors) {
		Map<AgentIdentifier, LearnerId> resolved = new HashMap<>();
		if (actors.isEmpty()) {
			return resolved;
		}
		Map<String, KnownIdentifier> known = known(actors.keySet());
		List<AgentIdentifier> rest = new ArrayList<>();
		actors.forEach((identifier, name) -> {
			KnownIdentifier found = known.get(hex(IdentifierKey.of(identifier)));
			if (found != null && found.mergedInto() == null && (found.named() || !hasText(name))) {
				resolved.put(identifier, new LearnerId(found.learnerId()));
			}
			else {
				rest.add(identifier);
			}
		});
		if (!rest.isEmpty()) {
			resolved.putAll(firstSightings(rest, actors));
		}
		return resolved;
	}

	/**
	 * The actors the index did not answer for, in one transaction: one commit for a
	 * batch's new learners instead of one each. An actor none of whose keys exists, nor
	 * concerns another actor of the batch, can only become a new learner: those are
	 * written together with JDBC ({@link NewLearners}); the others go through
	 * {@link #resolveActor}'s rules one after the other. On this node one such
	 * transaction runs at a time, so threads crediting batches with the same new actors
	 * do not collide; when one collides with another node (a duplicate key or a
	 * deadlock), the actors are resolved one by one, each retried as
	 * {@link #resolveActor} is.
	 */
	private Map<AgentIdentifier, LearnerId> firstSightings(List<AgentIdentifier> actors,
			Map<AgentIdentifier, String> names) {
		// one lock order on the unique index for every node
		actors.sort(Comparator.comparing((AgentIdentifier a) -> hex(IdentifierKey.of(a))));
		if (!lockFirstSighting()) {
			// another batch has been creating learners for long: do not queue behind it
			return oneByOne(actors, names);
		}
		try {
			return this.ownTransaction.execute((status) -> {
				Map<AgentIdentifier, List<IdentifierKey>> consulted = new LinkedHashMap<>();
				actors.forEach((actor) -> consulted.put(actor, LinkingRules.consultedKeys(actor)));
				Set<String> absent = absentKeys(consulted.values());
				Map<AgentIdentifier, LearnerId> learners = createUnrelated(consulted, absent, names);
				for (AgentIdentifier actor : actors) {
					if (learners.containsKey(actor)) {
						continue;
					}
					learners.put(actor, this.directory.current(resolveActorNow(actor, names.get(actor), absent)));
					// written, then forgotten: later queries of the batch need not
					// dirty-check every learner before them
					this.entityManager.flush();
					this.entityManager.clear();
				}
				return learners;
			});
		}
		catch (DataIntegrityViolationException | ConcurrencyFailureException ex) {
			log.debug("New actors were linked concurrently elsewhere; resolving them one by one", ex);
		}
		finally {
			this.firstSighting.unlock();
		}
		return oneByOne(actors, names);
	}

	private boolean lockFirstSighting() {
		try {
			return this.firstSighting.tryLock(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** As {@link #resolveActor}: one short transaction per actor, retried on a race. */
	private Map<AgentIdentifier, LearnerId> oneByOne(List<AgentIdentifier> actors, Map<AgentIdentifier, String> names) {
		Map<AgentIdentifier, LearnerId> learners = new HashMap<>();
		for (AgentIdentifier actor : actors) {
			learners.put(actor, this.directory.current(resolveActor(actor, names.get(actor))));
		}
		return learners;
	}

	/**
	 * The actors whose keys (all those {@link #resolveActorNow} would consult) are absent
	 * and consulted for no other actor of the batch: each can only become a new learner
	 * with the links {@link #resolveActorNow} gives a first sighting, and none affects
	 * another's resolution, so they are created together, in batches.
	 */
	private Map<AgentIdentifier, LearnerId> createUnrelated(Map<AgentIdentifier, List<IdentifierKey>> consulted,
			Set<String> absent, Map<AgentIdentifier, String> names) {
		Map<String, Integer> actorsPerKey = new HashMap<>();
		consulted.values().forEach((keys) -> keys.forEach((k) -> actorsPerKey.merge(k.text(), 1, Integer::sum)));
		List<AgentIdentifier> unrelated = new ArrayList<>();
		List<NewLearners.NewLearner> rows = new ArrayList<>();
		consulted.forEach((actor, keys) -> {
			if (keys.stream().allMatch((k) -> absent.contains(k.text()) && actorsPerKey.get(k.text()) == 1)) {
				List<NewLearners.Link> links = new ArrayList<>();
				links.add(new NewLearners.Link(IdentifierKey.of(actor), LinkRule.FIRST_SIGHT, null));
				for (NewLearners.Link link : LinkingRules.mailboxLinks(actor)) {
					if (link.key() != null
							&& links.stream().noneMatch((l) -> l.key().text().equals(link.key().text()))) {
						links.add(link);
					}
				}
				unrelated.add(actor);
				rows.add(new NewLearners.NewLearner(names.get(actor),
						(actor.kind() == AgentIdentifier.Kind.MBOX) ? actor.mbox().substring(7) : null, links));
			}
		});
		List<LearnerId> ids = this.newLearners.create(rows);
		Map<AgentIdentifier, LearnerId> created = new HashMap<>();
		for (int i = 0; i < unrelated.size(); i++) {
			created.put(unrelated.get(i), ids.get(i));
		}
		return created;
	}

	/**
	 * Which of the keys that {@link #resolveActorNow} consults for these actors no
	 * identifier holds yet, in one query, so that a batch of first sightings asks the
	 * database only about keys that exist. (A key missing here is simply looked up.)
	 */
	private Set<String> absentKeys(java.util.Collection<List<IdentifierKey>> keysOfActors) {
		Map<String, IdentifierKey> consulted = new HashMap<>();
		keysOfActors.forEach((keys) -> keys.forEach((k) -> consulted.put(hex(k), k)));
		Set<String> absent = new HashSet<>();
		consulted.values().forEach((k) -> absent.add(k.text()));
		List<byte[]> hashes = consulted.values().stream().map(IdentifierKey::hash).toList();
		for (int from = 0; from < hashes.size(); from += 1000) {
			this.jdbc.query("SELECT key_text FROM id_learner_identifier WHERE key_hash IN (:hashes)",
					Map.of("hashes", hashes.subList(from, Math.min(hashes.size(), from + 1000))),
					(RowCallbackHandler) (rs) -> absent.remove(rs.getString(1)));
		}
		return absent;
	}

	private static String hex(IdentifierKey key) {
		return HexFormat.of().formatHex(key.hash());
	}

	/** What the index of identifiers says about the actors, by hex of the key hash. */
	private Map<String, KnownIdentifier> known(java.util.Collection<AgentIdentifier> actors) {
		List<byte[]> hashes = actors.stream().map((a) -> IdentifierKey.of(a).hash()).toList();
		Map<String, KnownIdentifier> known = new HashMap<>();
		for (int from = 0; from < hashes.size(); from += 1000) {
			this.jdbc.query(
					"SELECT i.key_hash, l.id, l.merged_into_id, l.display_name IS NOT NULL FROM id_learner_identifier i "
							+ "JOIN id_learner l ON l.id = i.learner_id WHERE i.key_hash IN (:hashes)",
					Map.of("hashes", hashes.subList(from, Math.min(hashes.size(), from + 1000))),
					(RowCallbackHandler) (rs) -> known.put(HexFormat.of().formatHex(rs.getBytes(1)),
							new KnownIdentifier(rs.getLong(2), (Long) rs.getObject(3, Long.class), rs.getBoolean(4))));
		}
		return known;
	}

	private record KnownIdentifier(long learnerId, Long mergedInto, boolean named) {
	}

	public LearnerId resolveLtiUser(LtiUser user) {
		return retryingOnRace(() -> this.ownTransaction.execute((status) -> resolveLtiUserNow(user)));
	}

	/**
	 * Resolves an identifier as {@link #resolveActor} and {@link #resolveLtiUser} do, but
	 * in the caller's transaction: a caller that then refuses the learner (an import
	 * naming someone outside the caller's scope) rolls back every link made here too.
	 */
	LearnerId resolveInCallersTransaction(IdentifierKey key, String name, String email) {
		if (key.kind() == IdentifierKind.LTI) {
			return resolveLtiUserNow(new LtiUser(key.ltiParts()[0], key.ltiParts()[1], email, name));
		}
		return resolveActorNow(key.toAgentIdentifier().orElseThrow(), name);
	}

	public Optional<LearnerId> find(AgentIdentifier identifier) {
		return this.identifiers.findLearnerIdByKeyHash(IdentifierKey.of(identifier).hash()).map(LearnerId::new);
	}

	private LearnerId resolveActorNow(AgentIdentifier identifier, String name) {
		return resolveActorNow(identifier, name, Set.of());
	}

	/**
	 * @param absent texts of keys known to have no identifier (not looked up); the keys
	 * this resolution links are taken out
	 */
	private LearnerId resolveActorNow(AgentIdentifier identifier, String name, Set<String> absent) {
		LearnerId learner = resolveActorNow(identifier, name, (key) -> !absent.contains(key.text()));
		if (!absent.isEmpty()) {
			this.learners.findById(learner.value())
				.ifPresent((l) -> l.identifiers().forEach((i) -> absent.remove(i.keyText())));
		}
		return learner;
	}

	private LearnerId resolveActorNow(AgentIdentifier identifier, String name, Predicate<IdentifierKey> mayExist) {
		IdentifierKey key = IdentifierKey.of(identifier);
		Optional<LearnerIdentifier> known = mayExist.test(key) ? this.identifiers.findByKeyHash(key.hash())
				: Optional.empty();
		if (known.isPresent()) {
			Learner learner = known.get().learner();
			learner.learnAbout(name, null);
			return learner.learnerId();
		}
		String email = (identifier.kind() == AgentIdentifier.Kind.MBOX) ? identifier.mbox().substring(7) : null;
		LinkingRules.Decision<Learner> decision = LinkingRules.forActor(identifier,
				(candidate) -> learnerOf(candidate, mayExist));
		Learner target = decision.joins().orElse(null);
		if (target == null) {
			target = this.learners.save(new Learner(name, email));
		}
		else {
			target.learnAbout(name, email);
		}
		target.link(key, decision.rule(), decision.note());
		for (NewLearners.Link link : LinkingRules.mailboxLinks(identifier)) {
			linkIfFree(target, link.key(), mayExist, link.rule(), link.note());
		}
		this.learners.flush();
		return target.learnerId();
	}

	private LearnerId resolveLtiUserNow(LtiUser user) {
		IdentifierKey key = IdentifierKey.lti(user);
		Optional<LearnerIdentifier> known = this.identifiers.findByKeyHash(key.hash());
		Learner target;
		if (known.isPresent()) {
			target = known.get().learner();
			target.learnAbout(user.name(), user.email());
		}
		else {
			LinkingRules.Decision<Learner> decision = LinkingRules.forLtiUser(user, this::learnerOf);
			target = decision.joins().orElse(null);
			if (target == null) {
				target = this.learners.save(new Learner(user.name(), user.email()));
			}
			else {
				target.learnAbout(user.name(), user.email());
			}
			target.link(key, decision.rule(), decision.note());
		}
		for (NewLearners.Link link : LinkingRules.emailClaimLinks(user)) {
			linkIfFree(target, link.key(), link.rule(), link.note());
		}
		// organisations and job roles the launch claims are placed by the rules
		// (Placements)
		this.learners.flush();
		return target.learnerId();
	}

	private Optional<Learner> learnerOf(IdentifierKey key) {
		return learnerOf(key, (k) -> true);
	}

	private Optional<Learner> learnerOf(IdentifierKey key, Predicate<IdentifierKey> mayExist) {
		if (key == null || !mayExist.test(key)) {
			return Optional.empty();
		}
		return this.identifiers.findByKeyHash(key.hash()).map(LearnerIdentifier::learner);
	}

	private void linkIfFree(Learner learner, IdentifierKey key, LinkRule rule, String note) {
		linkIfFree(learner, key, (k) -> true, rule, note);
	}

	private void linkIfFree(Learner learner, IdentifierKey key, Predicate<IdentifierKey> mayExist, LinkRule rule,
			String note) {
		if (key != null && (!mayExist.test(key) || this.identifiers.findByKeyHash(key.hash()).isEmpty())
				&& learner.identifiers().stream().noneMatch((i) -> i.keyText().equals(key.text()))) {
			learner.link(key, rule, note);
		}
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	private static <T> T retryingOnRace(Supplier<T> resolution) {
		for (int attempt = 1;; attempt++) {
			try {
				return resolution.get();
			}
			catch (DataIntegrityViolationException | ConcurrencyFailureException ex) {
				// the same identifier was linked concurrently (or a lock wait ended in a
				// deadlock): the next attempt finds what the other transaction linked
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

}
