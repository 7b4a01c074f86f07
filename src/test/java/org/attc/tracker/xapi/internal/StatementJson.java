package org.attc.tracker.xapi.internal;

import java.util.UUID;

/** Test data: realistic statements, distinct per call unless told otherwise. */
final class StatementJson {

	private StatementJson() {
	}

	static String completed(String id, String learner, String activity) {
		return """
				{%s"actor":{"objectType":"Agent","name":"Learner","account":{"homePage":"https://moodle.example.org","name":"%s"}},
				 "verb":{"id":"http://adlnet.gov/expapi/verbs/completed","display":{"en-US":"completed","de":"abgeschlossen"}},
				 "object":{"objectType":"Activity","id":"%s","definition":{"name":{"en-GB":"Handling ATMPs","en-US":"Handling ATMPs (US)"},"type":"http://adlnet.gov/expapi/activities/course"}},
				 "result":{"completion":true,"success":true,"score":{"scaled":0.9,"raw":90,"min":0,"max":100},"duration":"PT12M3.5S"},
				 "context":{"registration":"%s","contextActivities":{"parent":{"id":"https://moodle.example.org/course/view.php?id=4"}}},
				 "timestamp":"2026-11-25T10:00:00.000Z"}
				"""
			.formatted((id != null) ? "\"id\":\"" + id + "\"," : "", learner, activity, UUID.randomUUID());
	}

	static String completed(String learner, String activity) {
		return completed(null, learner, activity);
	}

	static String unique() {
		return completed(UUID.randomUUID().toString(), "u" + UUID.randomUUID(),
				"https://example.org/activity/" + UUID.randomUUID());
	}

}
