package org.attc.tracker.framework.internal.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes importing the same new framework at once (as two nodes loading the sample on
 * their first start do) end with one framework and one version, never two.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConcurrentImportTests {

	private static final String FILE = """
			{"format": "attc-capability-framework/1", "identifier": "concurrent-import-test", "title": "Concurrent",
			 "tiers": [{"code": "T1"}],
			 "items": [{"code": "C1", "statement": "Group", "children": [{"code": "C1.1", "statement": "Only capability"}]}]}
			""";

	@Autowired
	FrameworkImports imports;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void simultaneousImportsOfANewFrameworkCreateItOnce() throws Exception {
		FrameworkDocument document = this.imports.read(FILE.getBytes(StandardCharsets.UTF_8), "json", null);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			List<Future<String>> outcomes = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				Callable<String> node = () -> {
					start.await();
					try {
						return this.imports.commit(document, "node").created() ? "created" : "unchanged";
					}
					catch (DataIntegrityViolationException | PessimisticLockingFailureException ex) {
						return "lost";
					}
				};
				outcomes.add(pool.submit(node));
			}
			start.countDown();
			List<String> results = new ArrayList<>();
			for (Future<String> outcome : outcomes) {
				results.add(outcome.get());
			}
			assertThat(results).containsOnlyOnce("created");
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM fw_framework WHERE document_identifier = 'concurrent-import-test'",
				Integer.class))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM fw_framework_version v JOIN fw_framework f ON f.id = v.framework_id WHERE f.document_identifier = 'concurrent-import-test'",
				Integer.class))
			.isEqualTo(1);
	}

}
