package org.attc.tracker.crediting.internal.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.attc.tracker.crediting.internal.ledger.EvidenceLedger;
import org.attc.tracker.crediting.internal.ledger.EvidenceRow;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.InvalidAgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.xapi.Statements;
import org.attc.tracker.xapi.StoredStatement;
import org.springframework.stereotype.Component;

/**
 * After learners are merged or split, moves each piece of evidence to the learner its
 * statement's actor now resolves to: a retraction for the old learner and the same
 * evidence for the new one, so the ledger shows what happened.
 */
@Component
class LearnerReassignment {

	private final EvidenceLedger ledger;

	private final Learners learners;

	private final Statements statements;

	LearnerReassignment(EvidenceLedger ledger, Learners learners, Statements statements) {
		this.ledger = ledger;
		this.learners = learners;
		this.statements = statements;
	}

	Set<Affected> reassign(Collection<LearnerId> learnerIds) {
		Set<Affected> affected = new LinkedHashSet<>();
		List<EvidenceRow> rows = new ArrayList<>();
		learnerIds.forEach((id) -> rows.addAll(this.ledger.current(id.value())));
		Set<UUID> statementIds = rows.stream()
			.map(EvidenceRow::statementId)
			.filter((s) -> s != null)
			.collect(Collectors.toSet());
		Map<UUID, StoredStatement> byId = this.statements.findByIds(statementIds)
			.stream()
			.collect(Collectors.toMap(StoredStatement::id, Function.identity()));
		for (EvidenceRow row : rows) {
			Optional<LearnerId> owner = (row.statementId() != null) ? ownerOf(byId.get(row.statementId()))
					: Optional.of(this.learners.current(new LearnerId(row.learnerId())));
			LedgerChange change = CreditingDecisions.reassigned(row, owner);
			if (change.isEmpty()) {
				continue;
			}
			change.retractions().forEach((r) -> this.ledger.retract(r.row(), r.reason(), null));
			change.appends().forEach(this.ledger::appendUnlessCurrent);
			affected.add(new Affected(row.learnerId(), row.capabilityIdentifier()));
			owner.ifPresent((o) -> affected.add(new Affected(o.value(), row.capabilityIdentifier())));
		}
		return affected;
	}

	private Optional<LearnerId> ownerOf(StoredStatement statement) {
		if (statement == null) {
			return Optional.empty();
		}
		try {
			return this.learners.find(AgentIdentifier.fromActor(statement.statement().path("actor")))
				.map(this.learners::current);
		}
		catch (InvalidAgentIdentifier ex) {
			return Optional.empty();
		}
	}

}
