package org.attc.tracker.xapi.internal.validation;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.attc.tracker.xapi.internal.validation.ValidStatement.accepted;
import static org.attc.tracker.xapi.internal.validation.ValidStatement.node;
import static org.attc.tracker.xapi.internal.validation.ValidStatement.refusedAt;
import static org.attc.tracker.xapi.internal.validation.ValidStatement.statement;

/**
 * xAPI 1.0.3 Data §2.4.5 (result, score), §2.4.6 (context), §2.4.7 (timestamp) and §4
 * (formats of durations and timestamps).
 */
class ResultAndContextRulesTests {

	@Test
	void rejectsAScaledScoreAboveOne() {
		ObjectNode s = statement();
		s.set("result", node("{\"score\":{\"scaled\":1.5}}"));
		refusedAt(s, "$.result.score.scaled");
	}

	@Test
	void acceptsMoodlesNegativeScaledScore() {
		ObjectNode s = statement();
		s.set("result", node("{\"score\":{\"scaled\":-0.33,\"raw\":1,\"min\":0,\"max\":3}}"));
		accepted(s);
	}

	@Test
	void rejectsARawScoreAboveMax() {
		ObjectNode s = statement();
		s.set("result", node("{\"score\":{\"raw\":11,\"min\":0,\"max\":10}}"));
		refusedAt(s, "$.result.score.raw");
	}

	@Test
	void rejectsMinNotBelowMax() {
		ObjectNode s = statement();
		s.set("result", node("{\"score\":{\"min\":5,\"max\":5}}"));
		refusedAt(s, "$.result.score.max");
	}

	@Test
	void rejectsASuccessThatIsNotABoolean() {
		ObjectNode s = statement();
		s.set("result", node("{\"success\":\"true\"}"));
		refusedAt(s, "$.result.success");
	}

	@Test
	void acceptsIso8601Durations() {
		for (String duration : new String[] { "PT1H30M", "P1DT2.5S", "P4W", "PT0.01S", "PT1.5H", "P0.5D" }) {
			ObjectNode s = statement();
			s.set("result", node("{\"duration\":\"" + duration + "\"}"));
			accepted(s);
		}
	}

	@Test
	void rejectsMalformedDurations() {
		for (String duration : new String[] { "P", "PT", "1H", "PT1.5H2M", "P1W2D", "PT1,5S" }) {
			ObjectNode s = statement();
			s.set("result", node("{\"duration\":\"" + duration + "\"}"));
			refusedAt(s, "$.result.duration");
		}
	}

	@Test
	void rejectsRevisionWhenTheObjectIsAnAgent() {
		ObjectNode s = statement();
		s.set("object", node("{\"objectType\":\"Agent\",\"mbox\":\"mailto:b@c.d\"}"));
		s.set("context", node("{\"revision\":\"2\"}"));
		refusedAt(s, "$.context.revision");
	}

	@Test
	void rejectsPlatformWhenTheObjectIsAGroup() {
		ObjectNode s = statement();
		s.set("object", node("{\"objectType\":\"Group\",\"member\":[{\"mbox\":\"mailto:b@c.d\"}]}"));
		s.set("context", node("{\"platform\":\"Moodle\"}"));
		refusedAt(s, "$.context.platform");
	}

	@Test
	void rejectsARegistrationThatIsNotAUuid() {
		ObjectNode s = statement();
		s.set("context", node("{\"registration\":\"abc\"}"));
		refusedAt(s, "$.context.registration");
	}

	@Test
	void rejectsATeamThatIsNotAGroup() {
		ObjectNode s = statement();
		s.set("context", node("{\"team\":{\"mbox\":\"mailto:b@c.d\"}}"));
		refusedAt(s, "$.context.team");
	}

	@Test
	void acceptsASingleContextActivityOrAnArray() {
		ObjectNode s = statement();
		s.set("context", node("{\"contextActivities\":{\"parent\":{\"id\":\"http://x.org/p\"},"
				+ "\"grouping\":[{\"id\":\"http://x.org/g\"}]}}"));
		accepted(s);
	}

	@Test
	void rejectsAnUnknownContextActivitiesKey() {
		ObjectNode s = statement();
		s.set("context", node("{\"contextActivities\":{\"sibling\":[{\"id\":\"http://x.org/p\"}]}}"));
		refusedAt(s, "$.context.contextActivities.sibling");
	}

	@Test
	void rejectsAnExtensionKeyThatIsNotAnIri() {
		ObjectNode s = statement();
		s.set("context", node("{\"extensions\":{\"score\":1}}"));
		refusedAt(s, "$.context.extensions.score");
	}

	@Test
	void acceptsContextAgentsOnlyInXapi2() {
		ObjectNode s = statement();
		s.set("context", node("{\"contextAgents\":[{\"objectType\":\"contextAgent\","
				+ "\"agent\":{\"mbox\":\"mailto:b@c.d\"},\"relevantTypes\":[\"http://x.org/t\"]}]}"));
		refusedAt(s, "$.context.contextAgents");
		accepted(s, XapiVersion.V2_0_0);
	}

	@Test
	void rejectsATimestampWithTheUnknownOffset() {
		ObjectNode s = statement();
		s.put("timestamp", "2026-11-25T10:00:00-00:00");
		refusedAt(s, "$.timestamp");
	}

	@Test
	void rejectsATimestampThatIsNotIso8601() {
		ObjectNode s = statement();
		s.put("timestamp", "25/11/2026 10:00");
		refusedAt(s, "$.timestamp");
	}

	@Test
	void acceptsTimestampsWithOffsetsAndFractions() {
		for (String timestamp : new String[] { "2026-11-25T10:00:00Z", "2026-11-25T10:00:00.123456+01:00",
				"2026-11-25T10:00:00.1-0530" }) {
			ObjectNode s = statement();
			s.put("timestamp", timestamp);
			accepted(s);
		}
	}

}
