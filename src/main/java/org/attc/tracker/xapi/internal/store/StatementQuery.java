package org.attc.tracker.xapi.internal.store;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.attc.tracker.shared.AgentIdentifier;

/**
 * The filters and paging of a statement query (xAPI 1.0.3 Communication §2.1.3), plus the
 * keyset position of the page: everything a {@code more} link must carry. Built by name
 * ({@link #builder()}), so that two instants or two flags cannot change places unseen.
 */
public final class StatementQuery {

	private final AgentIdentifier agent;

	private final String verb;

	private final String activity;

	private final UUID registration;

	private final boolean relatedActivities;

	private final boolean relatedAgents;

	private final Instant since;

	private final Instant until;

	private final int limit;

	private final String format;

	private final boolean attachments;

	private final boolean ascending;

	private final Long after;

	private final Instant afterStored;

	private final Long through;

	private final String clientKey;

	private StatementQuery(Builder builder) {
		if (builder.limit < 1) {
			throw new IllegalArgumentException("a query page holds at least one statement");
		}
		this.agent = builder.agent;
		this.verb = builder.verb;
		this.activity = builder.activity;
		this.registration = builder.registration;
		this.relatedActivities = builder.relatedActivities;
		this.relatedAgents = builder.relatedAgents;
		this.since = builder.since;
		this.until = builder.until;
		this.limit = builder.limit;
		this.format = Objects.requireNonNull(builder.format, "format");
		this.attachments = builder.attachments;
		this.ascending = builder.ascending;
		this.after = builder.after;
		this.afterStored = builder.afterStored;
		this.through = builder.through;
		this.clientKey = builder.clientKey;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** A builder holding this query's values. */
	public Builder toBuilder() {
		return new Builder().agent(this.agent)
			.verb(this.verb)
			.activity(this.activity)
			.registration(this.registration)
			.relatedActivities(this.relatedActivities)
			.relatedAgents(this.relatedAgents)
			.since(this.since)
			.until(this.until)
			.limit(this.limit)
			.format(this.format)
			.attachments(this.attachments)
			.ascending(this.ascending)
			.after(this.after)
			.afterStored(this.afterStored)
			.through(this.through)
			.clientKey(this.clientKey);
	}

	/**
	 * The same query, for the page after the statement at {@code after} (stored at
	 * {@code afterStored}), reading no statement stored after {@code through} (so pages
	 * never shift under the client).
	 */
	public StatementQuery next(long after, Instant afterStored, long through) {
		return toBuilder().after(after).afterStored(afterStored).through(through).build();
	}

	/** the agent filter ({@code agent}), or {@code null} */
	public AgentIdentifier agent() {
		return this.agent;
	}

	/** the verb IRI filter ({@code verb}), or {@code null} */
	public String verb() {
		return this.verb;
	}

	/** the activity IRI filter ({@code activity}), or {@code null} */
	public String activity() {
		return this.activity;
	}

	/** the registration filter, or {@code null} */
	public UUID registration() {
		return this.registration;
	}

	/** {@code related_activities}: the activity filter also matches context activities */
	public boolean relatedActivities() {
		return this.relatedActivities;
	}

	/** {@code related_agents}: the agent filter also matches other agent roles */
	public boolean relatedAgents() {
		return this.relatedAgents;
	}

	/** only statements stored after this instant, or {@code null} */
	public Instant since() {
		return this.since;
	}

	/** only statements stored at or before this instant, or {@code null} */
	public Instant until() {
		return this.until;
	}

	/** most statements on one page (at least 1) */
	public int limit() {
		return this.limit;
	}

	/** {@code ids}, {@code exact} or {@code canonical} */
	public String format() {
		return this.format;
	}

	/** whether the answer carries the attachments (multipart) */
	public boolean attachments() {
		return this.attachments;
	}

	/** oldest first instead of newest first */
	public boolean ascending() {
		return this.ascending;
	}

	/** the storage position the page starts after, or {@code null} on the first page */
	public Long after() {
		return this.after;
	}

	/**
	 * the {@code stored} of the statement at {@link #after()}, or {@code null} (on the
	 * first page, or in a {@code more} link made before pages were ordered by it)
	 */
	public Instant afterStored() {
		return this.afterStored;
	}

	/** the last storage position the query reads, or {@code null} on the first page */
	public Long through() {
		return this.through;
	}

	/**
	 * the only client whose statements are read ({@code statements/read/mine}), or
	 * {@code null}
	 */
	public String clientKey() {
		return this.clientKey;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof StatementQuery that && Objects.equals(this.agent, that.agent)
				&& Objects.equals(this.verb, that.verb) && Objects.equals(this.activity, that.activity)
				&& Objects.equals(this.registration, that.registration)
				&& this.relatedActivities == that.relatedActivities && this.relatedAgents == that.relatedAgents
				&& Objects.equals(this.since, that.since) && Objects.equals(this.until, that.until)
				&& this.limit == that.limit && this.format.equals(that.format) && this.attachments == that.attachments
				&& this.ascending == that.ascending && Objects.equals(this.after, that.after)
				&& Objects.equals(this.afterStored, that.afterStored) && Objects.equals(this.through, that.through)
				&& Objects.equals(this.clientKey, that.clientKey);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.agent, this.verb, this.activity, this.registration, this.since, this.until, this.limit,
				this.format, this.after, this.afterStored, this.through, this.clientKey);
	}

	@Override
	public String toString() {
		return "StatementQuery[agent=" + this.agent + ", verb=" + this.verb + ", activity=" + this.activity
				+ ", registration=" + this.registration + ", relatedActivities=" + this.relatedActivities
				+ ", relatedAgents=" + this.relatedAgents + ", since=" + this.since + ", until=" + this.until
				+ ", limit=" + this.limit + ", format=" + this.format + ", attachments=" + this.attachments
				+ ", ascending=" + this.ascending + ", after=" + this.after + ", afterStored=" + this.afterStored
				+ ", through=" + this.through + ", clientKey=" + this.clientKey + "]";
	}

	/** Names every value of a {@link StatementQuery}; unset filters are absent. */
	public static final class Builder {

		private AgentIdentifier agent;

		private String verb;

		private String activity;

		private UUID registration;

		private boolean relatedActivities;

		private boolean relatedAgents;

		private Instant since;

		private Instant until;

		private int limit;

		private String format = "exact";

		private boolean attachments;

		private boolean ascending;

		private Long after;

		private Instant afterStored;

		private Long through;

		private String clientKey;

		private Builder() {
		}

		public Builder agent(AgentIdentifier agent) {
			this.agent = agent;
			return this;
		}

		public Builder verb(String verb) {
			this.verb = verb;
			return this;
		}

		public Builder activity(String activity) {
			this.activity = activity;
			return this;
		}

		public Builder registration(UUID registration) {
			this.registration = registration;
			return this;
		}

		public Builder relatedActivities(boolean relatedActivities) {
			this.relatedActivities = relatedActivities;
			return this;
		}

		public Builder relatedAgents(boolean relatedAgents) {
			this.relatedAgents = relatedAgents;
			return this;
		}

		public Builder since(Instant since) {
			this.since = since;
			return this;
		}

		public Builder until(Instant until) {
			this.until = until;
			return this;
		}

		public Builder limit(int limit) {
			this.limit = limit;
			return this;
		}

		public Builder format(String format) {
			this.format = format;
			return this;
		}

		public Builder attachments(boolean attachments) {
			this.attachments = attachments;
			return this;
		}

		public Builder ascending(boolean ascending) {
			this.ascending = ascending;
			return this;
		}

		public Builder after(Long after) {
			this.after = after;
			return this;
		}

		public Builder afterStored(Instant afterStored) {
			this.afterStored = afterStored;
			return this;
		}

		public Builder through(Long through) {
			this.through = through;
			return this;
		}

		public Builder clientKey(String clientKey) {
			this.clientKey = clientKey;
			return this;
		}

		public StatementQuery build() {
			return new StatementQuery(this);
		}

	}

}
