package org.attc.tracker.framework.internal.store;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Uploads waiting for confirmation on the import preview page. Kept in the database, not
 * the session, so the confirming request may reach another node; a day later they go.
 */
@Component
public class ImportDrafts {

	private static final Duration KEEP = Duration.ofDays(1);

	private final JdbcTemplate jdbc;

	ImportDrafts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A stored upload. */
	public record Draft(String id, String mediaType, String fileName, byte[] content, String createdBy) {

	}

	@Transactional
	public String save(String mediaType, String fileName, byte[] content, String createdBy) {
		this.jdbc.update("DELETE FROM fw_import_draft WHERE created_at < ?", Timestamp.from(Instant.now().minus(KEEP)));
		String id = UUID.randomUUID().toString();
		this.jdbc.update(
				"INSERT INTO fw_import_draft (id, media_type, file_name, content, created_by, created_at) VALUES (?,?,?,?,?,?)",
				id, mediaType, fileName, content, createdBy, Timestamp.from(Instant.now()));
		return id;
	}

	/** The draft, only for the person who uploaded it. */
	public Optional<Draft> find(String id, String createdBy) {
		List<Draft> drafts = this.jdbc.query(
				"SELECT id, media_type, file_name, content, created_by FROM fw_import_draft WHERE id = ? AND created_by = ?",
				(rs, n) -> new Draft(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
						rs.getString(5)),
				id, createdBy);
		return drafts.stream().findFirst();
	}

	public void delete(String id) {
		this.jdbc.update("DELETE FROM fw_import_draft WHERE id = ?", id);
	}

}
