package org.attc.tracker.identity.internal.learner;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.attc.tracker.identity.LinkRule;
import org.attc.tracker.shared.LearnerId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Writes learners seen for the first time, with their identifiers, as a few multi-row and
 * batched JDBC inserts instead of one JPA persist and flush each: what crediting needs
 * when a batch of statements brings many new actors. The rows are those the
 * {@link Learner} and {@link LearnerIdentifier} entities would write. Runs in the
 * caller's transaction; a key another transaction linked meanwhile fails the unique
 * index, as a JPA insert would.
 */
@Component
class NewLearners {

	/** Rows per multi-row INSERT (three parameters each). */
	private static final int CHUNK = 500;

	private final JdbcTemplate jdbc;

	NewLearners(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A learner to create, with the identifiers it starts with (none of them linked yet).
	 */
	record NewLearner(String name, String email, List<Link> links) {

		NewLearner {
			name = Learner.trim(name, 255);
			email = Learner.trim(email, 320);
		}

	}

	/** An identifier to link, the rule that links it and why. */
	record Link(IdentifierKey key, LinkRule rule, String note) {
	}

	/**
	 * @return the id of each new learner, in the order given
	 */
	List<LearnerId> create(List<NewLearner> learners) {
		if (learners.isEmpty()) {
			return List.of();
		}
		Timestamp now = Timestamp.from(Instant.now());
		Long[] ids = new Long[learners.size()];
		for (int from = 0; from < learners.size(); from += CHUNK) {
			insertLearners(learners.subList(from, Math.min(learners.size(), from + CHUNK)), from, now, ids);
		}
		List<Object[]> identifiers = new ArrayList<>();
		for (int i = 0; i < learners.size(); i++) {
			for (Link link : learners.get(i).links()) {
				identifiers.add(new Object[] { ids[i], link.key().kind().name(), link.key().text(), link.key().hash(),
						LearnerIdentifier.label(link.key()), link.rule().name(), link.note(), now });
			}
		}
		this.jdbc.batchUpdate("INSERT INTO id_learner_identifier "
				+ "(learner_id, kind, key_text, key_hash, label, link_rule, link_note, linked_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", identifiers);
		return Arrays.stream(ids).map(LearnerId::new).toList();
	}

	/**
	 * One INSERT for the chunk; RETURNING gives the generated ids. Each returned row is
	 * matched to a requested learner by its values rather than by position: rows with
	 * equal values are interchangeable, so any pairing among them is right.
	 */
	private void insertLearners(List<NewLearner> chunk, int offset, Timestamp now, Long[] ids) {
		Map<List<String>, Deque<Integer>> waiting = new HashMap<>();
		List<Object> args = new ArrayList<>(chunk.size() * 3);
		for (int i = 0; i < chunk.size(); i++) {
			NewLearner learner = chunk.get(i);
			waiting.computeIfAbsent(Arrays.asList(learner.name(), learner.email()), (k) -> new ArrayDeque<>())
				.add(offset + i);
			args.add(learner.name());
			args.add(learner.email());
			args.add(now);
		}
		String values = String.join(", ", Collections.nCopies(chunk.size(), "(?, ?, ?)"));
		this.jdbc.query("INSERT INTO id_learner (display_name, email, created_at) VALUES " + values
				+ " RETURNING id, display_name, email", (RowCallbackHandler) (rs) -> {
					Deque<Integer> slots = waiting.get(Arrays.asList(rs.getString(2), rs.getString(3)));
					if (slots == null || slots.isEmpty()) {
						throw new IllegalStateException(
								"id_learner returned a row that was not inserted: " + rs.getLong(1));
					}
					ids[slots.poll()] = rs.getLong(1);
				}, args.toArray());
		for (int i = offset; i < offset + chunk.size(); i++) {
			if (ids[i] == null) {
				throw new IllegalStateException("id_learner returned fewer rows than were inserted");
			}
		}
	}

}
