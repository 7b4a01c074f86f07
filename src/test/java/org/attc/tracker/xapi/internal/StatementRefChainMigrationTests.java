package org.attc.tracker.xapi.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V5 fills {@code xapi_statement_ref_chain} for statements stored before it existed: its
 * recursive query, run on rows written the old way (only {@code object_ref}), gives every
 * statement each chain reaches, and ends on cycles.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StatementRefChainMigrationTests {

	@Autowired
	JdbcTemplate jdbc;

	private long row(String id, String objectRef) {
		this.jdbc.update("INSERT INTO xapi_statement (statement_id, statement, stored, stamp, verb_hash, "
				+ "client_key, object_ref) VALUES (?, '{}', NOW(6), NOW(6), UNHEX(SHA1('v')), 'migration-test', ?)", id,
				objectRef);
		return this.jdbc.queryForObject("SELECT seq FROM xapi_statement WHERE statement_id = ?", Long.class, id);
	}

	@Test
	void theBackfillFollowsChainsToAnyDepthAndEndsOnCycles() throws IOException {
		String a = UUID.randomUUID().toString();
		String b = UUID.randomUUID().toString();
		String c = UUID.randomUUID().toString();
		String x = UUID.randomUUID().toString();
		String y = UUID.randomUUID().toString();
		try {
			backfill(a, b, c, x, y);
		}
		finally {
			this.jdbc.update("DELETE FROM xapi_statement WHERE client_key = 'migration-test'");
		}
	}

	private void backfill(String a, String b, String c, String x, String y) throws IOException {
		row(a, null);
		long bSeq = row(b, a);
		long cSeq = row(c, b);
		long xSeq = row(x, y);
		long ySeq = row(y, x);
		String migration = new ClassPathResource("db/migration/V5__xapi_statement_ref_chains.sql")
			.getContentAsString(StandardCharsets.UTF_8);
		String select = migration.substring(migration.indexOf("SELECT referrer_seq, target_id FROM ("))
			.replaceAll("--[^\n]*", "")
			.trim();
		select = select.substring(0, select.lastIndexOf(';'));
		List<String> pairs = new ArrayList<>();
		for (Map<String, Object> r : this.jdbc.queryForList(select)) {
			long seq = ((Number) r.get("referrer_seq")).longValue();
			if (seq == bSeq || seq == cSeq || seq == xSeq || seq == ySeq) {
				pairs.add(seq + ">" + r.get("target_id"));
			}
		}
		assertThat(pairs).containsExactlyInAnyOrder(bSeq + ">" + a, cSeq + ">" + b, cSeq + ">" + a, xSeq + ">" + y,
				ySeq + ">" + x);
	}

}
