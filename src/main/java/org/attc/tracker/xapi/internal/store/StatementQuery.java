package org.attc.tracker.xapi.internal.store;

import java.time.Instant;
import java.util.UUID;

import org.attc.tracker.shared.AgentIdentifier;

/**
 * The filters and paging of a statement query (xAPI 1.0.3 Communication §2.1.3), plus the
 * keyset position of the page: everything a {@code more} link must carry.
 */
public record StatementQuery(AgentIdentifier agent, String verb, String activity, UUID registration,
		boolean relatedActivities, boolean relatedAgents, Instant since, Instant until, int limit, String format,
		boolean attachments, boolean ascending, Long after, Long through, String clientKey) {

	public StatementQuery next(long after, long through) {
		return new StatementQuery(this.agent, this.verb, this.activity, this.registration, this.relatedActivities,
				this.relatedAgents, this.since, this.until, this.limit, this.format, this.attachments, this.ascending,
				after, through, this.clientKey);
	}

}
