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
 * is under way are stored together, in one transaction, by the thread of one of them;
 * each request is answered when that transaction has committed. Moodle's log store and
 * most content send one statement per request; each alone cost a transaction, a commit
 * and half a dozen round trips, which set the rate of single-statement requests (issue
 * #23). Nothing is acknowledged before its commit, so durability is unchanged; a request
 * refused by its own checks (a conflict) does not affect the others of its group (see
 * {@link StatementIngestion#writeGroup}).
 * <p>
 * At most {@code writers} groups are written at once (two overlap one group's database
 * round trips with the next group's work); a request arriving meanwhile waits, and when a
 * write ends one waiting thread writes everything queued. A request alone is written on
 * its own thread at once, as before. Requests of one group must not share a statement id
 * (the conflict check reads the stored statements once for the group): a request that
 * does waits for the next group.
 */
final class SharedCommits {

	private static final Log log = LogFactory.getLog(SharedCommits.class);

	/** Most statements written in one shared transaction. */
	static final int GROUP_STATEMENTS = 500;

	private final BlockingDeque<StatementIngestion.Request> queue = new LinkedBlockingDeque<>();

	private final Consumer<List<StatementIngestion.Request>> writer;

	private final int writers;

	private final Object monitor = new Object();

	/** Groups being written now (guarded by {@link #monitor}). */
	private int writing;

	/**
	 * @param writers most groups written at once
	 * @param writer writes a group in one transaction and settles each of its requests
	 */
	SharedCommits(int writers, Consumer<List<StatementIngestion.Request>> writer) {
		this.writers = writers;
		this.writer = writer;
	}

	/** Queues the request and returns once it is settled (by this thread or another). */
	void write(StatementIngestion.Request request) {
		this.queue.add(request);
		boolean interrupted = false;
		try {
			while (true) {
				synchronized (this.monitor) {
					// queued work and a free writer: this thread writes; else it waits
					// for its request to be settled or for a write to end
					while (!request.isSettled() && (this.writing >= this.writers || this.queue.isEmpty())) {
						try {
							this.monitor.wait();
						}
						catch (InterruptedException ex) {
							if (this.queue.remove(request)) {
								Thread.currentThread().interrupt();
								throw new IllegalStateException("interrupted before the statements were stored", ex);
							}
							// taken by a writer: its answer is on the way
							interrupted = true;
						}
					}
					if (request.isSettled()) {
						return;
					}
					this.writing++;
				}
				try {
					List<StatementIngestion.Request> group = next();
					if (!group.isEmpty()) {
						writeSettled(group);
					}
				}
				finally {
					synchronized (this.monitor) {
						this.writing--;
						this.monitor.notifyAll();
					}
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void writeSettled(List<StatementIngestion.Request> group) {
		try {
			this.writer.accept(group);
		}
		catch (RuntimeException | Error ex) {
			// the writer settles every request; this is a fault of its own
			log.error("Writing a group of statement requests failed", ex);
		}
		for (StatementIngestion.Request request : group) {
			if (!request.isSettled()) {
				request.settle(null, new IllegalStateException("the statements could not be stored"));
			}
		}
	}

	/**
	 * The next group: the first queued request and as many more as fit, without two that
	 * share an id; empty if another writer took them all.
	 */
	private List<StatementIngestion.Request> next() {
		List<StatementIngestion.Request> group = new ArrayList<>();
		Set<UUID> ids = new HashSet<>();
		int statements = 0;
		List<StatementIngestion.Request> later = new ArrayList<>();
		for (StatementIngestion.Request request = this.queue.poll(); request != null; request = this.queue.poll()) {
			if (!group.isEmpty() && statements + request.prepared.size() > GROUP_STATEMENTS) {
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
