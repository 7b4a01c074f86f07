package org.attc.tracker.crediting.internal.engine;

import java.util.ArrayList;
import java.util.List;

import org.attc.tracker.crediting.internal.ledger.EvidenceRow;
import org.attc.tracker.crediting.internal.ledger.NewEvidence;

/**
 * What a crediting decision asks of the ledger: current rows to take back, each with its
 * reason, then evidence to append, in this order (evidence moved to another learner keeps
 * its base key, which is free only once the old row is taken back).
 */
record LedgerChange(List<NewEvidence> appends, List<Retraction> retractions) {

	static final LedgerChange NONE = new LedgerChange(List.of(), List.of());

	LedgerChange {
		appends = List.copyOf(appends);
		retractions = List.copyOf(retractions);
	}

	static LedgerChange append(NewEvidence evidence) {
		return new LedgerChange(List.of(evidence), List.of());
	}

	static LedgerChange retract(List<Retraction> retractions) {
		return new LedgerChange(List.of(), retractions);
	}

	LedgerChange and(LedgerChange other) {
		List<NewEvidence> appends = new ArrayList<>(this.appends);
		appends.addAll(other.appends);
		List<Retraction> retractions = new ArrayList<>(this.retractions);
		retractions.addAll(other.retractions);
		return new LedgerChange(appends, retractions);
	}

	boolean isEmpty() {
		return this.appends.isEmpty() && this.retractions.isEmpty();
	}

	/** A current row to take back, and why (kept with the retraction). */
	record Retraction(EvidenceRow row, String reason) {
	}

}
