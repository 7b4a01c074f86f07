package org.attc.tracker.xapi.internal.statements;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.clients.LrsClient;
import org.attc.tracker.xapi.internal.store.IncomingStatement;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How small requests are grouped into shared transactions. */
class SharedCommitsTests {

	private final LrsClient client = new LrsClient("k", "K", Set.of(LrsClient.Scope.ALL), null);

	private StatementIngestion.Request request(UUID id) {
		String json = "{" + ((id != null) ? "\"id\":\"" + id + "\"," : "")
				+ "\"actor\":{\"mbox\":\"mailto:a@x.org\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},"
				+ "\"object\":{\"id\":\"https://x.org/a\"}}";
		ObjectNode received = (ObjectNode) XapiJson.MAPPER.readTree(json);
		IncomingStatement prepared = new IncomingStatement(received, Instant.now(),
				JsonNodeFactory.instance.objectNode().put("mbox", "mailto:lrs@x.org"), "1.0.0");
		return new StatementIngestion.Request(List.of(received), this.client, Map.of(), false, List.of(prepared),
				new boolean[] { id != null });
	}

	private static Thread send(SharedCommits commits, StatementIngestion.Request request) {
		Thread thread = new Thread(() -> {
			try {
				commits.write(request);
			}
			catch (RuntimeException ex) {
				// seen through the request's result
			}
		});
		thread.start();
		return thread;
	}

	private static void awaitWaiting(Thread thread) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
	}

	@Test
	void requestsQueuedDuringAWriteShareTheNextOneButNeverTwoWithOneId() throws Exception {
		CountDownLatch firstEntered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<List<StatementIngestion.Request>> groups = new CopyOnWriteArrayList<>();
		SharedCommits commits = new SharedCommits(1, (group) -> {
			groups.add(List.copyOf(group));
			if (groups.size() == 1) {
				firstEntered.countDown();
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			group.forEach((r) -> r.settle(List.of(r.prepared.get(0).id()), null));
		});
		StatementIngestion.Request first = request(null);
		Thread firstThread = send(commits, first);
		assertThat(firstEntered.await(10, TimeUnit.SECONDS)).isTrue();
		UUID shared = UUID.randomUUID();
		StatementIngestion.Request a = request(shared);
		StatementIngestion.Request b = request(null);
		StatementIngestion.Request sameId = request(shared);
		StatementIngestion.Request c = request(UUID.randomUUID());
		List<Thread> threads = new ArrayList<>();
		for (StatementIngestion.Request r : List.of(a, b, sameId, c)) {
			Thread thread = send(commits, r);
			awaitWaiting(thread);
			threads.add(thread);
		}
		release.countDown();
		firstThread.join(10_000);
		for (Thread thread : threads) {
			thread.join(10_000);
		}
		assertThat(groups).extracting(List::size).containsExactly(1, 3, 1);
		assertThat(groups.get(0)).containsExactly(first);
		// the first of the two with one id is in the second group, the other after it
		assertThat(groups.get(1)).contains(b, c);
		assertThat(groups.get(1)).filteredOn((r) -> r == a || r == sameId).hasSize(1);
		for (StatementIngestion.Request r : List.of(first, a, b, sameId, c)) {
			assertThat(r.result()).containsExactly(r.prepared.get(0).id());
		}
	}

	@Test
	void aWriterFaultReachesEveryRequestOfTheGroupAndTheWriterGoesOn() throws Exception {
		List<Integer> calls = new CopyOnWriteArrayList<>();
		SharedCommits commits = new SharedCommits(1, (group) -> {
			calls.add(group.size());
			if (calls.size() == 1) {
				throw new IllegalArgumentException("disk on fire");
			}
			group.forEach((r) -> r.settle(List.of(), null));
		});
		StatementIngestion.Request failing = request(null);
		commits.write(failing);
		assertThatThrownBy(failing::result).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("could not be stored");
		StatementIngestion.Request next = request(null);
		commits.write(next);
		assertThat(next.result()).isEmpty();
	}

	@Test
	void aRequestAloneIsWrittenOnItsOwnThreadAtOnce() {
		List<Thread> writers = new CopyOnWriteArrayList<>();
		SharedCommits commits = new SharedCommits(2, (group) -> {
			writers.add(Thread.currentThread());
			group.forEach((r) -> r.settle(List.of(), null));
		});
		StatementIngestion.Request alone = request(null);
		commits.write(alone);
		assertThat(alone.isSettled()).isTrue();
		assertThat(writers).containsExactly(Thread.currentThread());
	}

}
