package org.attc.tracker.xapi.internal.statements;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Group commit for small requests: the statements of requests that arrive while a write
 * is under way are stored together, in one transaction, by one of a few writer threads;
 * each request is answered when that transaction has committed. Moodle's log store and
 * most content send one statement per request; each alone cost a transaction, a commit
 * and half a dozen round trips, which set the rate of single-statement requests (xAPI
 * ingestion aims in issue #23). Nothing is acknowledged before its commit, so durability
 * is unchanged; a request refused by its own checks (a conflict) does not affect the
 * others of its group (see {@link StatementIngestion#write}).
 * <p>
 * Requests of one group must not share a statement id (the conflict check reads the
 * stored statements once for the group): a request that does waits for the next group.
 */
final class SharedCommits {

	private static final Log log = LogFactory.getLog(SharedCommits.class);

	/** Most statements written in one shared transaction. */
	static final int GROUP_STATEMENTS = 500;

	private final BlockingDeque<StatementIngestion.Request> queue = new LinkedBlockingDeque<>();

	private final Consumer<List<StatementIngestion.Request>> writer;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean stopped;

	/**
	 * @param writers threads writing groups (two overlap one group's database round trips
	 * with the next group's work)
	 * @param writer writes a group in one transaction and settles each of its requests
	 */
	SharedCommits(int writers, Consumer<List<StatementIngestion.Request>> writer) {
		this.writer = writer;
		for (int i = 0; i < writers; i++) {
			Thread thread = new Thread(this::run, "xapi-shared-commit-" + i);
			// requests in flight hold the service open while they are answered (graceful
			// shutdown); a writer never holds it on its own
			thread.setDaemon(true);
			thread.start();
			this.threads.add(thread);
		}
	}

	/** Queues the request and waits until a writer has settled it. */
	void write(StatementIngestion.Request request) {
		if (this.stopped) {
			throw new IllegalStateException("the service is stopping");
		}
		this.queue.add(request);
		try {
			request.settled.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			// it may still be written: the client learns nothing either way, as with a
			// connection lost before the answer
			throw new IllegalStateException("interrupted while the statements were being stored", ex);
		}
	}

	/**
	 * Stops the writers once they have finished their groups (the web server has answered
	 * its requests by then: graceful shutdown comes first); a request still queued is
	 * refused, never left waiting.
	 */
	void stop() {
		this.stopped = true;
		this.threads.forEach(Thread::interrupt);
		for (Thread thread : this.threads) {
			try {
				thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		for (StatementIngestion.Request request = this.queue.poll(); request != null; request = this.queue.poll()) {
			request.settle(null, new IllegalStateException("the service is stopping"));
		}
	}

	private void run() {
		while (true) {
			List<StatementIngestion.Request> group;
			try {
				group = next();
			}
			catch (InterruptedException ex) {
				return;
			}
			try {
				this.writer.accept(group);
			}
			catch (RuntimeException | Error ex) {
				// the writer settles every request; this is a fault of its own
				log.error("Writing a group of statement requests failed", ex);
				group.forEach((request) -> request.settle(null, new IllegalStateException(ex)));
			}
		}
	}

	/** The next group: the first waiting request and as many more as fit. */
	private List<StatementIngestion.Request> next() throws InterruptedException {
		List<StatementIngestion.Request> group = new ArrayList<>();
		StatementIngestion.Request first = this.queue.take();
		group.add(first);
		Set<UUID> ids = new HashSet<>(first.givenIds());
		int statements = first.prepared.size();
		List<StatementIngestion.Request> later = new ArrayList<>();
		for (StatementIngestion.Request request = this.queue.poll(); request != null; request = this.queue.poll()) {
			if (statements + request.prepared.size() > GROUP_STATEMENTS) {
				later.add(request);
				break;
			}
			if (request.givenIds().stream().anyMatch(ids::contains)) {
				later.add(request);
				continue;
			}
			ids.addAll(request.givenIds());
			statements += request.prepared.size();
			group.add(request);
		}
		for (int i = later.size() - 1; i >= 0; i--) {
			this.queue.addFirst(later.get(i));
		}
		return group;
	}

}
