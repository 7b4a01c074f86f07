package org.attc.tracker.crediting.internal.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.crediting.internal.ledger.EvidenceLedger;
import org.attc.tracker.crediting.internal.ledger.EvidenceRow;
import org.attc.tracker.crediting.internal.ledger.NewEvidence;
import org.attc.tracker.crediting.internal.mapping.ActivityMapping;
import org.attc.tracker.crediting.internal.mapping.MappingIndex;
import org.attc.tracker.crediting.internal.rule.RuleOutcome;
import org.attc.tracker.crediting.internal.rule.StatementFacts;
import org.attc.tracker.crediting.internal.rule.Verbs;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.InvalidAgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.xapi.StoredStatement;
import org.springframework.stereotype.Component;

/**
 * Turns stored statements into evidence: resolves each actor to a learner (all actors of
 * a batch at once), applies the mappings that concern the statement, appends what their
 * rules decide. Idempotent: a statement credited twice appends nothing the second time.
 */
@Component
class StatementCrediting {

	private static final Log log = LogFactory.getLog(StatementCrediting.class);

	private final Learners learners;

	private final MappingIndex mappings;

	private final EvidenceLedger ledger;

	StatementCrediting(Learners learners, MappingIndex mappings, EvidenceLedger ledger) {
		this.learners = learners;
		this.mappings = mappings;
		this.ledger = ledger;
	}

	/** Credits the statements against every current mapping. */
	Set<Affected> credit(List<StoredStatement> statements) {
		return credit(statements, null, null);
	}

	/**
	 * Credits the statements against the given mappings only (all when null), collecting
	 * the base keys of the evidence they call for into {@code wanted} when given
	 * (recompute).
	 */
	Set<Affected> credit(List<StoredStatement> statements, Collection<ActivityMapping> only, Set<String> wanted) {
		Set<Affected> affected = new LinkedHashSet<>();
		List<Pending> pending = new ArrayList<>();
		Map<AgentIdentifier, String> actors = new LinkedHashMap<>();
		for (StoredStatement stored : statements) {
			if (stored.voided()) {
				continue;
			}
			StatementFacts facts = StatementFacts.of(stored.id(), stored.statement(), stored.timestamp());
			if (Verbs.VOIDED.equals(facts.verb())) {
				continue;
			}
			List<ActivityMapping> candidates = this.mappings.candidates(facts)
				.stream()
				.filter((m) -> only == null || only.stream().anyMatch((o) -> o.id().equals(m.id())))
				.toList();
			if (candidates.isEmpty() && only != null) {
				// a recompute only needs the learners of statements its mappings concern
				continue;
			}
			// live crediting resolves every actor: each becomes a learner on first sight
			AgentIdentifier actor = identifier(facts);
			if (actor == null) {
				continue;
			}
			actors.putIfAbsent(actor, facts.actor().path("name").asString(null));
			if (!candidates.isEmpty()) {
				pending.add(new Pending(facts, actor, candidates));
			}
		}
		// the batch's actors in one go: one query for those identity knows already
		Map<AgentIdentifier, LearnerId> learners = this.learners.resolveActors(actors);
		Map<String, Boolean> members = new HashMap<>();
		List<NewEvidence> appends = new ArrayList<>();
		for (Pending p : pending) {
			long learner = learners.get(p.actor()).value();
			for (ActivityMapping mapping : p.candidates()) {
				if (!credits(mapping, learners.get(p.actor()), members)) {
					continue;
				}
				RuleOutcome outcome = mapping.rule().evaluate(p.facts());
				if (outcome.kind() == RuleOutcome.Kind.IRRELEVANT) {
					continue;
				}
				List<EvidenceRow> current = List.of();
				if (CreditingDecisions.readsLedger(outcome)) {
					// the decision sees what earlier statements of the batch appended
					affected.addAll(append(appends, wanted != null));
					appends.clear();
					current = this.ledger.currentForLearnerAndMapping(learner, mapping.id());
				}
				LedgerChange change = CreditingDecisions.apply(MappingTerms.of(mapping), p.facts(), learner, outcome,
						current);
				affected.addAll(retract(change.retractions()));
				for (NewEvidence evidence : change.appends()) {
					if (wanted != null) {
						wanted.add(evidence.baseKey());
					}
					appends.add(evidence);
				}
			}
		}
		affected.addAll(append(appends, wanted != null));
		return affected;
	}

	/**
	 * An organisation's own mapping credits that organisation's learners only (a
	 * coordinator never changes the credit of learners outside their scope); national and
	 * course mappings credit everyone who meets them.
	 */
	private boolean credits(ActivityMapping mapping, LearnerId learner, Map<String, Boolean> members) {
		String owner = mapping.ownerOrganisation();
		return owner == null || members.computeIfAbsent(learner.value() + " " + owner,
				(k) -> this.learners.inOrganisation(learner, owner));
	}

	/** A statement some mapping may concern, waiting for its actor's learner. */
	private record Pending(StatementFacts facts, AgentIdentifier actor, List<ActivityMapping> candidates) {
	}

	/** Takes back every piece of evidence that came from the voided statements. */
	Set<Affected> retractVoided(Collection<UUID> voided) {
		return retract(CreditingDecisions.voided(this.ledger.currentForStatements(voided)));
	}

	/** The actor's identifier; null for a Group or an actor without a usable one. */
	private static AgentIdentifier identifier(StatementFacts facts) {
		String objectType = facts.actor().path("objectType").asString("Agent");
		if (!"Agent".equals(objectType)) {
			// a Group's achievement is not a person's evidence
			return null;
		}
		try {
			return AgentIdentifier.fromActor(facts.actor());
		}
		catch (InvalidAgentIdentifier ex) {
			log.warn("Statement " + facts.statementId() + " has an actor without a usable identifier: "
					+ ex.getMessage());
			return null;
		}
	}

	/** Takes rows back; the learners and capabilities whose evidence changed. */
	private Set<Affected> retract(List<LedgerChange.Retraction> retractions) {
		Set<Affected> affected = new LinkedHashSet<>();
		for (LedgerChange.Retraction retraction : retractions) {
			EvidenceRow row = retraction.row();
			if (this.ledger.retract(row, retraction.reason(), null)) {
				affected.add(new Affected(row.learnerId(), row.capabilityIdentifier()));
			}
		}
		return affected;
	}

	/**
	 * Appends a batch's evidence at once. A recompute brings back evidence retracted
	 * before; live crediting appends each key once, so a redelivered event cannot undo a
	 * retraction.
	 * @return the learners and capabilities whose evidence changed
	 */
	private Set<Affected> append(List<NewEvidence> evidence, boolean recompute) {
		if (evidence.isEmpty()) {
			return Set.of();
		}
		Set<Affected> affected = new LinkedHashSet<>();
		for (NewEvidence appended : recompute ? this.ledger.appendAllUnlessCurrent(evidence)
				: this.ledger.appendAllOnce(evidence)) {
			affected.add(new Affected(appended.learnerId(), appended.capabilityIdentifier()));
		}
		return affected;
	}

}
