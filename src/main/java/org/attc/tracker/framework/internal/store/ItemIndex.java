package org.attc.tracker.framework.internal.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.document.Item;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The items of each version as rows, for look-ups by identifier, URI or code and for
 * search; written once per version with a JDBC batch.
 */
@Component
public class ItemIndex {

	private final JdbcTemplate jdbc;

	ItemIndex(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void write(long frameworkId, long versionId, FrameworkDocument document) {
		List<Item> ordered = document.treeOrder();
		List<Object[]> rows = new ArrayList<>();
		int order = 0;
		for (Item item : ordered) {
			rows.add(new Object[] { versionId, frameworkId, item.identifier(), item.uri(), hash(item.uri()),
					item.code(), item.kind().name(), truncate(item.title(), 1000), item.statement(), item.parent(),
					order++, document.depth(item) });
		}
		this.jdbc.batchUpdate(
				"INSERT INTO fw_item (version_id, framework_id, identifier, uri, uri_hash, code, kind, "
						+ "title, statement, parent_identifier, tree_order, depth) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
				rows);
	}

	/** SHA-256 of a URI: URIs are too long for a plain index. */
	public static String hash(String uri) {
		if (uri == null) {
			return null;
		}
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

}
