package org.attc.tracker.xapi.internal.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.attc.tracker.xapi.internal.XapiJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The document tables of the state, activity profile and agent profile resources. */
@Repository
public class DocumentStore {

	/** A stored document. */
	public record Document(String id, String contentType, byte[] content, String etag, Instant updated) {
	}

	private final JdbcTemplate jdbc;

	DocumentStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Document> find(byte[] scope, String documentId, boolean forUpdate) {
		List<Document> found = this.jdbc.query(
				"SELECT document_id, content_type, content, etag, updated FROM xapi_document "
						+ "WHERE scope_hash = ? AND doc_hash = ?" + (forUpdate ? " FOR UPDATE" : ""),
				(rs, n) -> new Document(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getString(4),
						rs.getObject(5, LocalDateTime.class).toInstant(ZoneOffset.UTC)),
				scope, XapiJson.sha1(documentId));
		return found.stream().findFirst();
	}

	public List<String> ids(byte[] scope, Instant since) {
		if (since == null) {
			return this.jdbc.queryForList("SELECT document_id FROM xapi_document WHERE scope_hash = ? ORDER BY updated",
					String.class, scope);
		}
		return this.jdbc.queryForList(
				"SELECT document_id FROM xapi_document WHERE scope_hash = ? AND updated > ? ORDER BY updated",
				String.class, scope, StatementStore.utc(since));
	}

	/** Inserts or replaces; returns the new ETag. */
	public String save(String resource, byte[] scope, String documentId, String contentType, byte[] content) {
		String etag = etag(content);
		this.jdbc.update(
				"INSERT INTO xapi_document (resource, scope_hash, doc_hash, document_id, content_type, content, etag, updated) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE content_type = VALUES(content_type), "
						+ "content = VALUES(content), etag = VALUES(etag), updated = VALUES(updated)",
				resource, scope, XapiJson.sha1(documentId), documentId, contentType, content, etag,
				StatementStore.utc(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
		return etag;
	}

	public boolean delete(byte[] scope, String documentId) {
		return this.jdbc.update("DELETE FROM xapi_document WHERE scope_hash = ? AND doc_hash = ?", scope,
				XapiJson.sha1(documentId)) > 0;
	}

	public int deleteAll(byte[] scope) {
		return this.jdbc.update("DELETE FROM xapi_document WHERE scope_hash = ?", scope);
	}

	/** SHA-1 of the content, hex: a strong validator (RFC 9110 §8.8.3). */
	public static String etag(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
