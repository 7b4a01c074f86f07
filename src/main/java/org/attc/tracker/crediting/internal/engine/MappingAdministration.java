package org.attc.tracker.crediting.internal.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.attc.tracker.crediting.internal.ledger.EvidenceLedger;
import org.attc.tracker.crediting.internal.mapping.ActivityMapping;
import org.attc.tracker.crediting.internal.mapping.ActivityMappingRepository;
import org.attc.tracker.crediting.internal.mapping.MappingDefinition;
import org.attc.tracker.crediting.internal.mapping.MappingIndex;
import org.attc.tracker.crediting.internal.mapping.MappingRequest;
import org.attc.tracker.crediting.internal.mapping.MappingValidation;
import org.attc.tracker.crediting.internal.rule.CreditRule;
import org.attc.tracker.crediting.internal.rule.RuleOutcome;
import org.attc.tracker.crediting.internal.rule.StatementFacts;
import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.InvalidAgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.xapi.Statements;
import org.attc.tracker.xapi.StoredStatement;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, changing and deleting mappings. Each starts a recompute job: a new or changed
 * mapping's over the stored statements, a deleted one's to retract its evidence.
 */
@Component
public class MappingAdministration {

	private final ActivityMappingRepository mappings;

	private final MappingValidation validation;

	private final RecomputeJobs jobs;

	private final EvidenceLedger ledger;

	private final Statements statements;

	private final Learners learners;

	private final MappingIndex index;

	MappingAdministration(ActivityMappingRepository mappings, MappingValidation validation, RecomputeJobs jobs,
			EvidenceLedger ledger, Statements statements, Learners learners, MappingIndex index) {
		this.index = index;
		this.mappings = mappings;
		this.validation = validation;
		this.jobs = jobs;
		this.ledger = ledger;
		this.statements = statements;
		this.learners = learners;
	}

	public record Saved(ActivityMapping mapping, long recomputeJobId) {
	}

	@Transactional
	public Saved create(MappingRequest request, String by) {
		return create(request, by, null);
	}

	/**
	 * @param ownerOrganisation the organisation whose own mapping this is (it credits
	 * only that organisation's learners), or {@code null} for a national or course
	 * mapping
	 */
	@Transactional
	public Saved create(MappingRequest request, String by, String ownerOrganisation) {
		MappingDefinition definition = this.validation.check(request);
		ActivityMapping mapping = this.mappings.saveAndFlush(new ActivityMapping(definition, by, ownerOrganisation));
		this.index.changed();
		long job = this.jobs.request("mapping " + mapping.id() + " created by " + by, mapping.id(), by);
		return new Saved(mapping, job);
	}

	@Transactional(isolation = Isolation.READ_COMMITTED)
	public Saved update(long id, MappingRequest request, String by) {
		ActivityMapping mapping = find(id);
		MappingDefinition definition = this.validation.check(request);
		// the job first takes back evidence naming a capability or tier it no longer
		// credits
		mapping.apply(definition);
		this.mappings.saveAndFlush(mapping);
		this.index.changed();
		long job = this.jobs.request("mapping " + id + " changed by " + by, id, by);
		return new Saved(mapping, job);
	}

	/**
	 * Deletes the mapping: it credits nothing from the commit on, and a recompute job
	 * retracts the evidence it gave (a national mapping's can be millions of rows, too
	 * many for the request's transaction).
	 * @return the recompute job's id
	 */
	@Transactional(isolation = Isolation.READ_COMMITTED)
	public long delete(long id, String by) {
		ActivityMapping mapping = find(id);
		mapping.delete(by);
		this.mappings.saveAndFlush(mapping);
		this.index.changed();
		return this.jobs.request("mapping " + id + " deleted by " + by, id, by);
	}

	/**
	 * How many learners hold credit or points from the mapping now: who would lose them
	 * if it were deleted (what the page asks a person to confirm).
	 */
	public int learnersCredited(long id) {
		return this.ledger.learnersCreditedBy(find(id).id());
	}

	public ActivityMapping find(long id) {
		return this.mappings.findById(id).filter((m) -> !m.deleted()).orElseThrow(() -> new UnknownMapping(id));
	}

	public List<ActivityMapping> list() {
		return this.mappings.findByDeletedAtIsNullOrderById();
	}

	/**
	 * How many learners the mapping would credit now, judged on every stored statement;
	 * only learners the caller may see are counted (and their statements), so a preview
	 * tells a coordinator nothing about other organisations.
	 */
	public Preview preview(MappingRequest request, Authentication caller) {
		MappingDefinition definition = this.validation.check(request);
		CreditRule rule = new CreditRule(definition.match(), definition.verbs(), definition.requireSuccess(),
				definition.minScore(), definition.moveOn());
		Set<String> learnersCredited = new HashSet<>();
		Map<LearnerId, Boolean> visible = new HashMap<>();
		boolean seesEveryone = caller != null && caller.getAuthorities()
			.stream()
			.anyMatch((a) -> AppRole.ADMIN.authority().equals(a.getAuthority())
					|| AppRole.PROGRAMME.authority().equals(a.getAuthority()));
		long statementsCredited = 0;
		long position = 0;
		while (true) {
			List<StoredStatement> batch = this.statements.scan(position, 2000);
			if (batch.isEmpty()) {
				break;
			}
			for (StoredStatement stored : batch) {
				if (stored.voided()) {
					continue;
				}
				StatementFacts facts = StatementFacts.of(stored.id(), stored.statement(), stored.timestamp());
				RuleOutcome.Kind outcome = rule.evaluate(facts).kind();
				if (outcome == RuleOutcome.Kind.CREDIT || outcome == RuleOutcome.Kind.CMI5_RESULT) {
					Optional<LearnerId> learner = learnerOf(facts);
					boolean counted = seesEveryone
							|| learner.map((l) -> visible.computeIfAbsent(l, (id) -> this.learners.canSee(caller, id)))
								.orElse(false);
					if (counted) {
						statementsCredited++;
						learnersCredited.add(learner.map(LearnerId::toString).orElseGet(() -> unknownPerson(facts)));
					}
				}
			}
			position = batch.get(batch.size() - 1).position();
		}
		return new Preview(learnersCredited.size(), statementsCredited);
	}

	/** What a preview found: distinct people and statements that meet the rule. */
	public record Preview(int learners, long statements) {
	}

	private static String unknownPerson(StatementFacts facts) {
		try {
			return AgentIdentifier.fromActor(facts.actor()).value();
		}
		catch (InvalidAgentIdentifier ex) {
			return "statement:" + facts.statementId();
		}
	}

	/** The learner (merges followed) the statement's actor already is, if any. */
	private Optional<LearnerId> learnerOf(StatementFacts facts) {
		try {
			return this.learners.find(AgentIdentifier.fromActor(facts.actor())).map(this.learners::current);
		}
		catch (InvalidAgentIdentifier ex) {
			return Optional.empty();
		}
	}

}
