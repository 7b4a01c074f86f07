package org.attc.tracker.crediting.internal.mapping;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.attc.tracker.crediting.internal.rule.ActivityMatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes on one node: once a mapping change has committed, the next read of the
 * index on that node has it, however the index's reads by other threads and transactions
 * interleave with the commit. (A teacher's page, rendered right after they mapped their
 * course, once showed "Mapped" above no mappings.) Real MariaDB; the orderings are
 * forced, not waited for.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MappingIndexTests {

	@Autowired
	ActivityMappingRepository repository;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	MappingIndex sharedIndex;

	@Autowired
	JdbcTemplate jdbc;

	final List<Long> created = new ArrayList<>();

	/** The thread whose next signature read, once answered, waits for the test. */
	volatile Thread pausedReader;

	final CountDownLatch signatureRead = new CountDownLatch(1);

	final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void deleteMappings() {
		// soft deleted, as an administrator would: other classes' recomputes share the
		// database
		new TransactionTemplate(this.transactions).executeWithoutResult(
				(s) -> this.created.forEach((id) -> this.repository.findById(id).ifPresent((mapping) -> {
					mapping.delete("index test");
					this.repository.saveAndFlush(mapping);
				})));
		this.sharedIndex.changed();
	}

	@Test
	void aCheckThatReadTheDatabaseBeforeAMappingCommittedDoesNotHideItFromTheNextRead() throws Exception {
		MappingIndex index = new MappingIndex(pausingRepository(), this.transactions);
		index.all();
		ExecutorService elsewhere = Executors.newSingleThreadExecutor();
		try {
			// another thread (crediting, a recompute job) checks the index: its database
			// read happens before the mapping commits, and it finishes only after
			Future<List<ActivityMapping>> early = elsewhere.submit(() -> {
				this.pausedReader = Thread.currentThread();
				return index.current();
			});
			assertThat(this.signatureRead.await(30, TimeUnit.SECONDS)).isTrue();
			long id = createMapping(index);
			this.release.countDown();
			early.get(30, TimeUnit.SECONDS);
			assertThat(index.all()).extracting(ActivityMapping::id).contains(id);
		}
		finally {
			this.release.countDown();
			elsewhere.shutdownNow();
		}
	}

	@Test
	void aReaderInATransactionOlderThanAMappingStillGetsItAndDoesNotHideItFromOthers() {
		MappingIndex index = new MappingIndex(this.repository, this.transactions);
		index.all();
		TransactionTemplate older = new TransactionTemplate(this.transactions);
		older.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		List<ActivityMapping> readInside = new ArrayList<>();
		long id = older.execute((s) -> {
			// the transaction's view of the database is taken here, before the mapping
			this.jdbc.queryForObject("SELECT COUNT(*) FROM cred_mapping", Long.class);
			TransactionTemplate separate = new TransactionTemplate(this.transactions);
			separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
			long mapping = separate.execute((t) -> createMapping(index));
			readInside.addAll(index.all());
			return mapping;
		});
		assertThat(index.all()).extracting(ActivityMapping::id).contains(id);
		assertThat(readInside).extracting(ActivityMapping::id).contains(id);
	}

	/** A mapping as MappingAdministration makes one: saved, then the index told. */
	private long createMapping(MappingIndex index) {
		return new TransactionTemplate(this.transactions).execute((s) -> {
			String activity = "https://index-test.example/" + UUID.randomUUID() + "/quiz";
			ActivityMapping saved = this.repository
				.saveAndFlush(new ActivityMapping(new MappingDefinition("cap-" + UUID.randomUUID(), null, 2,
						new ActivityMatch(ActivityMatch.Kind.EXACT, activity), activity, null, null, null, null,
						Set.of(), false, null, null, null, null, 12), "index test"));
			index.changed();
			this.created.add(saved.id());
			return saved.id();
		});
	}

	/**
	 * The real repository; the paused reader's signature read returns only when the test
	 * releases it.
	 */
	private ActivityMappingRepository pausingRepository() {
		return (ActivityMappingRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { ActivityMappingRepository.class }, (proxy, method, args) -> {
					Object answer;
					try {
						answer = method.invoke(this.repository, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
					if ("signature".equals(method.getName()) && Thread.currentThread() == this.pausedReader) {
						this.pausedReader = null;
						this.signatureRead.countDown();
						this.release.await(30, TimeUnit.SECONDS);
					}
					return answer;
				});
	}

}
