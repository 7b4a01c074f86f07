package org.attc.tracker.xapi.internal.store;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Realistic, distinct statements for the ingestion benchmark: Moodle-shaped actors
 * (account on the Moodle site), a handful of verbs, activities with definitions, results
 * with scores and durations, contexts with registrations and context activities.
 */
final class BenchmarkStatements {

	private static final String[] VERBS = { "http://adlnet.gov/expapi/verbs/completed",
			"http://adlnet.gov/expapi/verbs/attempted", "http://adlnet.gov/expapi/verbs/passed",
			"http://adlnet.gov/expapi/verbs/failed", "http://adlnet.gov/expapi/verbs/answered",
			"http://id.tincanapi.com/verb/viewed", "https://w3id.org/xapi/tla/verbs/scored" };

	private static final String[] TYPES = { "http://adlnet.gov/expapi/activities/course",
			"http://adlnet.gov/expapi/activities/assessment", "http://adlnet.gov/expapi/activities/module",
			"http://adlnet.gov/expapi/activities/cmi.interaction" };

	private final SplittableRandom random;

	BenchmarkStatements(long seed) {
		this.random = new SplittableRandom(seed);
	}

	String next() {
		int learner = this.random.nextInt(20_000);
		int course = this.random.nextInt(200);
		int module = this.random.nextInt(5_000);
		String verb = VERBS[this.random.nextInt(VERBS.length)];
		String verbName = verb.substring(verb.lastIndexOf('/') + 1);
		int max = 10 + this.random.nextInt(90);
		int raw = this.random.nextInt(max + 1);
		double scaled = Math.round(2.0 * raw / max * 1000 - 1000) / 1000.0;
		return """
				{"actor":{"objectType":"Agent","name":"Learner %d","account":{"homePage":"https://moodle.attc.example.org","name":"%d"}},\
				"verb":{"id":"%s","display":{"en":"%s"}},\
				"object":{"objectType":"Activity","id":"https://moodle.attc.example.org/mod/quiz/view.php?id=%d",\
				"definition":{"type":"%s","name":{"en":"ATMP module %d: handling and storage"},\
				"description":{"en":"Assessment of cell and gene therapy handling, module %d"}}},\
				"result":{"score":{"raw":%d,"min":0,"max":%d,"scaled":%s},"success":%s,"completion":true,"duration":"PT%dM%dS"},\
				"context":{"registration":"%s","platform":"Moodle","language":"en",\
				"contextActivities":{"parent":[{"objectType":"Activity","id":"https://moodle.attc.example.org/course/view.php?id=%d",\
				"definition":{"type":"http://adlnet.gov/expapi/activities/course","name":{"en":"ATMP course %d"}}}],\
				"grouping":[{"objectType":"Activity","id":"https://moodle.attc.example.org"}],\
				"category":[{"objectType":"Activity","id":"https://moodle.attc.example.org/lms","definition":{"type":"http://id.tincanapi.com/activitytype/lms"}}]},\
				"extensions":{"http://lrs.learninglocker.net/define/extensions/info":{"event_name":"\\\\mod_quiz\\\\event\\\\attempt_submitted"}}},\
				"timestamp":"%s"}"""
			.formatted(learner, learner, verb, verbName, module, TYPES[this.random.nextInt(TYPES.length)], module,
					module, raw, max, scaled, raw * 2 >= max, this.random.nextInt(60), this.random.nextInt(60),
					UUID.randomUUID(), course, course, Instant.now().toString());
	}

	String batch(int size) {
		if (size == 1) {
			return next();
		}
		StringBuilder batch = new StringBuilder(size * 1600).append('[');
		for (int i = 0; i < size; i++) {
			batch.append((i > 0) ? "," : "").append(next());
		}
		return batch.append(']').toString();
	}

}
