package org.attc.tracker.xapi.internal.store;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Realistic, distinct statements for the benchmarks: Moodle-shaped actors (account on the
 * Moodle site), a handful of verbs, activities with definitions, results with scores and
 * durations, contexts with registrations (one per learner, module and attempt) and
 * context activities (course, site, LMS).
 */
final class BenchmarkStatements {

	static final String[] VERBS = { "http://adlnet.gov/expapi/verbs/completed",
			"http://adlnet.gov/expapi/verbs/attempted", "http://adlnet.gov/expapi/verbs/passed",
			"http://adlnet.gov/expapi/verbs/failed", "http://adlnet.gov/expapi/verbs/answered",
			"http://id.tincanapi.com/verb/viewed", "https://w3id.org/xapi/tla/verbs/scored" };

	private static final String[] TYPES = { "http://adlnet.gov/expapi/activities/course",
			"http://adlnet.gov/expapi/activities/assessment", "http://adlnet.gov/expapi/activities/module",
			"http://adlnet.gov/expapi/activities/cmi.interaction" };

	static final String SITE = "https://moodle.attc.example.org";

	private final SplittableRandom random;

	private final int learners;

	private final int modules;

	BenchmarkStatements(long seed) {
		this(seed, 20_000, 5_000);
	}

	BenchmarkStatements(long seed, int learners, int modules) {
		this.random = new SplittableRandom(seed);
		this.learners = learners;
		this.modules = modules;
	}

	static String agent(int learner) {
		return "{\"account\":{\"homePage\":\"" + SITE + "\",\"name\":\"" + learner + "\"}}";
	}

	static String module(int module) {
		return SITE + "/mod/quiz/view.php?id=" + module;
	}

	/** Each module belongs to one course (of 1 in 25 modules). */
	static String course(int module) {
		return SITE + "/course/view.php?id=" + (module / 25);
	}

	/** A learner's attempt at a module. */
	static UUID registration(int learner, int module, int attempt) {
		return UUID.nameUUIDFromBytes((learner + "/" + module + "/" + attempt).getBytes());
	}

	String next() {
		int learner = this.random.nextInt(this.learners);
		int module = this.random.nextInt(this.modules);
		int course = module / 25;
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
					registration(learner, module, this.random.nextInt(3)), course, course, Instant.now().toString());
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
