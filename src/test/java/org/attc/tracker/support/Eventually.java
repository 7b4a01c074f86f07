package org.attc.tracker.support;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waits, boundedly, for what happens on another thread after a commit (crediting after
 * the LRS stores statements), asking the service over HTTP until its answer satisfies the
 * test.
 */
public final class Eventually {

	private static final JsonMapper json = JsonMapper.builder().build();

	private Eventually() {
	}

	/**
	 * Repeats the call until {@code done} holds (at most 20 s); returns the last answer's
	 * JSON.
	 */
	public static JsonNode answer(Supplier<HttpResponse<String>> call, Predicate<HttpResponse<String>> done) {
		return json.readTree(response(call, done).body());
	}

	/**
	 * Repeats the call until {@code done} holds (at most 20 s); returns the last answer
	 * (a page, say, rather than JSON).
	 */
	public static HttpResponse<String> response(Supplier<HttpResponse<String>> call,
			Predicate<HttpResponse<String>> done) {
		return value(call, done, HttpResponse::body);
	}

	/**
	 * Repeats the call until {@code done} holds (at most 20 s); returns the last value
	 * (for what a test reads in process rather than over HTTP).
	 */
	public static <T> T value(Supplier<T> call, Predicate<T> done) {
		return value(call, done, String::valueOf);
	}

	private static <T> T value(Supplier<T> call, Predicate<T> done, Function<T, String> describe) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		T last = call.get();
		while (!done.test(last) && Instant.now().isBefore(deadline)) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			last = call.get();
		}
		assertThat(done.test(last)).as("condition not met in time; last answer " + describe.apply(last)).isTrue();
		return last;
	}

}
