package org.attc.tracker.lti.internal.services;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.security.PlatformHttp;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Assignment and Grade Services 2.0 score publishing (§3.4): one learner's result on a
 * line item, retried with backoff when the platform is briefly unavailable.
 */
@Component
public class Scores {

	static final String SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";

	static final String SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final PlatformHttp http;

	private final PlatformTokens tokens;

	private final Duration firstBackoff;

	private final int attempts;

	@Autowired
	Scores(PlatformHttp http, PlatformTokens tokens) {
		this(http, tokens, Duration.ofMillis(500), 3);
	}

	Scores(PlatformHttp http, PlatformTokens tokens, Duration firstBackoff, int attempts) {
		this.http = http;
		this.tokens = tokens;
		this.firstBackoff = firstBackoff;
		this.attempts = attempts;
	}

	/**
	 * A score (AGS §3.4.1).
	 *
	 * @param userId the platform's user id ({@code sub} of the launch)
	 * @param scoreGiven the learner's score, 0..scoreMaximum
	 * @param scoreMaximum the maximum of this score
	 * @param activityProgress Initialized, Started, InProgress, Submitted or Completed
	 * @param gradingProgress FullyGraded, Pending, PendingManual, Failed or NotReady
	 * @param timestamp when the result changed
	 * @param comment optional comment for the gradebook
	 */
	public record Score(String userId, double scoreGiven, double scoreMaximum, String activityProgress,
			String gradingProgress, Instant timestamp, String comment) {

		public Score {
			if (scoreMaximum <= 0 || scoreGiven < 0 || scoreGiven > scoreMaximum) {
				throw new IllegalArgumentException(
						"scoreGiven must be within 0.." + scoreMaximum + ", was " + scoreGiven);
			}
		}

	}

	/**
	 * AGS §3.4: the scores URL is the line item URL with {@code /scores} added to its
	 * path.
	 */
	static String scoresUrl(String lineItemUrl) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(lineItemUrl);
		String path = builder.build().getPath();
		return builder.replacePath(((path == null) ? "" : path.replaceAll("/+$", "")) + "/scores")
			.build()
			.toUriString();
	}

	/**
	 * Publishes a score.
	 * @throws ServiceCallFailed when the platform refuses (e.g. Moodle answers 400 for a
	 * user who is not a student) or stays unavailable after the retries
	 */
	public void publish(PlatformRegistration platform, String lineItemUrl, Score score) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("userId", score.userId());
		body.put("scoreGiven", score.scoreGiven());
		body.put("scoreMaximum", score.scoreMaximum());
		body.put("activityProgress", score.activityProgress());
		body.put("gradingProgress", score.gradingProgress());
		body.put("timestamp", score.timestamp().toString());
		if (score.comment() != null) {
			body.put("comment", score.comment());
		}
		String url = scoresUrl(lineItemUrl);
		String payload = json.writeValueAsString(body);
		Duration backoff = this.firstBackoff;
		for (int attempt = 1;; attempt++) {
			try {
				send(platform, url, payload);
				return;
			}
			catch (ServiceCallFailed ex) {
				if (!ex.transientFailure() || attempt >= this.attempts) {
					throw ex;
				}
			}
			sleep(backoff);
			backoff = backoff.multipliedBy(2);
		}
	}

	private void send(PlatformRegistration platform, String url, String payload) {
		String token = this.tokens.accessToken(platform, Set.of(SCORE_SCOPE));
		PlatformHttp.Answer answer;
		try {
			answer = this.http.post(url, SCORE_TYPE, payload, Map.of("Authorization", "Bearer " + token));
		}
		catch (PlatformHttp.PlatformUnreachable ex) {
			throw new ServiceCallFailed(0, ex.getMessage());
		}
		if (!answer.ok()) {
			throw new ServiceCallFailed(answer.status(), "Publishing a score to " + url + " failed with HTTP "
					+ answer.status() + ": " + ServiceCallFailed.abbreviate(answer.body()));
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServiceCallFailed(0, "interrupted");
		}
	}

}
