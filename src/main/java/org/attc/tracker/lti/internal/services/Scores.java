package org.attc.tracker.lti.internal.services;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.security.PlatformHttp;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Assignment and Grade Services 2.0: one learner's score on a line item (§3.4), and the
 * line item's maximum (§3.2). One attempt per call: retries with backoff belong to the
 * score delivery queue, so no request thread ever waits for a platform.
 */
@Component
public class Scores {

	public static final String SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";

	public static final String LINE_ITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";

	public static final String LINE_ITEM_READ_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";

	static final String SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";

	static final String LINE_ITEM_TYPE = "application/vnd.ims.lis.v2.lineitem+json";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final PlatformHttp http;

	private final PlatformTokens tokens;

	Scores(PlatformHttp http, PlatformTokens tokens) {
		this.http = http;
		this.tokens = tokens;
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
	 * path (Moodle's line item URLs carry {@code ?type_id=N}, which stays the query).
	 */
	public static String scoresUrl(String lineItemUrl) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(lineItemUrl);
		String path = builder.build().getPath();
		return builder.replacePath(((path == null) ? "" : path.replaceAll("/+$", "")) + "/scores")
			.build()
			.toUriString();
	}

	/** The JSON body of a score (AGS §3.4.1), timestamp in ISO 8601 to the second. */
	static String body(Score score) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("userId", score.userId());
		body.put("scoreGiven", score.scoreGiven());
		body.put("scoreMaximum", score.scoreMaximum());
		body.put("activityProgress", score.activityProgress());
		body.put("gradingProgress", score.gradingProgress());
		body.put("timestamp", score.timestamp().truncatedTo(ChronoUnit.MILLIS).toString());
		if (score.comment() != null) {
			body.put("comment", score.comment());
		}
		return json.writeValueAsString(body);
	}

	/**
	 * Publishes a score with a token for the score scope.
	 * @throws ServiceCallFailed when the platform refuses (e.g. Moodle answers 400 for a
	 * user who is not a student) or cannot be reached
	 */
	public void publish(PlatformRegistration platform, String lineItemUrl, Score score) {
		publish(platform, lineItemUrl, score, Set.of(SCORE_SCOPE));
	}

	/**
	 * Publishes a score with a token for these scopes (which include the score scope), so
	 * one cached token serves the line item and its scores.
	 * @throws ServiceCallFailed when the platform refuses or cannot be reached
	 */
	public void publish(PlatformRegistration platform, String lineItemUrl, Score score, Set<String> scopes) {
		String url = scoresUrl(lineItemUrl);
		String token = this.tokens.accessToken(platform, scopes);
		PlatformHttp.Answer answer;
		try {
			answer = this.http.post(url, SCORE_TYPE, body(score), Map.of("Authorization", "Bearer " + token));
		}
		catch (PlatformHttp.PlatformUnreachable ex) {
			throw new ServiceCallFailed(0, ex.getMessage());
		}
		if (answer.status() == 401) {
			// the platform no longer takes the cached token: the next try fetches a new
			// one
			this.tokens.forget(platform);
		}
		if (!answer.ok()) {
			throw new ServiceCallFailed(answer.status(), "Publishing a score to " + url + " failed with HTTP "
					+ answer.status() + ": " + ServiceCallFailed.abbreviate(answer.body()));
		}
	}

	/**
	 * The line item's {@code scoreMaximum} (AGS §3.2.5), read with a token for these
	 * scopes (which include lineitem or lineitem.readonly); empty when the answer has
	 * none.
	 * @throws ServiceCallFailed when the platform refuses or cannot be reached
	 */
	public OptionalDouble lineItemMaximum(PlatformRegistration platform, String lineItemUrl, Set<String> scopes) {
		String token = this.tokens.accessToken(platform, scopes);
		PlatformHttp.Answer answer;
		try {
			answer = this.http.get(lineItemUrl, Map.of("Accept", LINE_ITEM_TYPE, "Authorization", "Bearer " + token));
		}
		catch (PlatformHttp.PlatformUnreachable ex) {
			throw new ServiceCallFailed(0, ex.getMessage());
		}
		if (!answer.ok()) {
			throw new ServiceCallFailed(answer.status(), "Reading the line item " + lineItemUrl + " failed with HTTP "
					+ answer.status() + ": " + ServiceCallFailed.abbreviate(answer.body()));
		}
		try {
			JsonNode maximum = json.readTree(answer.body()).path("scoreMaximum");
			return (maximum.isNumber() && maximum.asDouble() > 0) ? OptionalDouble.of(maximum.asDouble())
					: OptionalDouble.empty();
		}
		catch (JacksonException ex) {
			throw new ServiceCallFailed(answer.status(), "The line item " + lineItemUrl + " is not JSON.");
		}
	}

}
