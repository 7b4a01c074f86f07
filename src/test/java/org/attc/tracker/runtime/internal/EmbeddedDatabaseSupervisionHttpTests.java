package org.attc.tracker.runtime.internal;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #20 point 4: when the embedded {@code mariadbd} dies, the service says it is not
 * ready within 5 s, refuses requests with a 503 at once instead of hanging on the pool,
 * starts the server again by itself and is ready again, with every acknowledged statement
 * still there. Its own data directory and context: killing the server that the other test
 * contexts share would fail them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.database.embedded.data-dir=target/supervised-mariadb", "app.database.embedded.fresh=true" })
@DirtiesContext
class EmbeddedDatabaseSupervisionHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedMariaDb server;

	@Test
	void aKilledDatabaseMakesTheServiceUnreadyAndFailFastThenItIsStartedAgainWithoutRestartingTheService()
			throws Exception {
		HttpTestClient http = new HttpTestClient(this.port);
		LrsTestClient lrs = LrsTestClient.create(http);
		String before = UUID.randomUUID().toString();
		assertThat(lrs.post(statement(before))).containsExactly(before);
		assertThat(readiness(http).statusCode()).isEqualTo(200);
		long killed = this.server.pid().orElseThrow();

		ProcessHandle.of(killed).orElseThrow().destroyForcibly();
		Instant killedAt = Instant.now();

		HttpResponse<String> down = poll(http, Duration.ofSeconds(5), 503);
		assertThat(down.statusCode()).as("readiness DOWN within 5 s of the kill").isEqualTo(503);
		assertThat(Duration.between(killedAt, Instant.now())).isLessThan(Duration.ofSeconds(5));

		Instant asked = Instant.now();
		HttpResponse<String> refused = lrs.postBody(statement(UUID.randomUUID().toString()));
		assertThat(Duration.between(asked, Instant.now())).as("answered at once, not after a pool timeout")
			.isLessThan(Duration.ofSeconds(1));
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.body()).contains("/problems/database-unavailable");

		HttpResponse<String> up = poll(http, Duration.ofSeconds(120), 200);
		assertThat(up.statusCode()).as("readiness UP again without restarting the service").isEqualTo(200);
		assertThat(this.server.pid()).isPresent().get().isNotEqualTo(killed);

		String after = UUID.randomUUID().toString();
		assertThat(lrs.post(statement(after))).containsExactly(after);
		HttpResponse<String> kept = http.send(http.request("/xapi/statements?statementId=" + before)
			.header("Authorization", lrs.authorization())
			.header("X-Experience-API-Version", "1.0.3"));
		assertThat(kept.statusCode()).as("the statement acknowledged before the kill is still stored").isEqualTo(200);
		assertThat(kept.body()).contains(before);
	}

	private static HttpResponse<String> readiness(HttpTestClient http) {
		return http.get("/actuator/health/readiness");
	}

	private static HttpResponse<String> poll(HttpTestClient http, Duration within, int status)
			throws InterruptedException {
		Instant end = Instant.now().plus(within);
		HttpResponse<String> last = readiness(http);
		while (last.statusCode() != status && Instant.now().isBefore(end)) {
			Thread.sleep(50);
			last = readiness(http);
		}
		return last;
	}

	private static String statement(String id) {
		return """
				{"id":"%s","actor":{"mbox":"mailto:supervised@example.org"},
				 "verb":{"id":"http://adlnet.gov/expapi/verbs/experienced"},
				 "object":{"id":"https://example.org/supervision"}}""".formatted(id);
	}

}
