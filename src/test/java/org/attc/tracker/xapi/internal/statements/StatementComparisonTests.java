package org.attc.tracker.xapi.internal.statements;

import org.attc.tracker.xapi.internal.XapiJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** xAPI 1.0.3 Data §2.3.1 and §4.6; IEEE 9274.1.1 §4.2.7: statement comparison. */
class StatementComparisonTests {

	private static String withDuration(String duration) {
		return """
				{"actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},
				 "object":{"id":"https://x.org/a"},"result":{"duration":"%s"}}
				""".formatted(duration);
	}

	private static boolean same(String stored, String received) {
		return StatementComparison.same(XapiJson.MAPPER.readTree(stored), XapiJson.MAPPER.readTree(received));
	}

	@Test
	void durationsCompareToTheHundredthOfASecondCutNotRounded() {
		assertThat(same(withDuration("P1DT12H36M0.1237S"), withDuration("P1DT12H36M0.12S"))).isTrue();
		assertThat(same(withDuration("PT1.129S"), withDuration("PT1.12S"))).isTrue();
		assertThat(same(withDuration("PT1.129S"), withDuration("PT1.13S"))).as("cut, not rounded").isFalse();
		assertThat(same(withDuration("PT1.50S"), withDuration("PT1.5S"))).isTrue();
		assertThat(same(withDuration("PT1.00S"), withDuration("PT1S"))).isTrue();
		assertThat(same(withDuration("PT1.009S"), withDuration("PT1S"))).isTrue();
		assertThat(same(withDuration("PT1.01S"), withDuration("PT1S"))).isFalse();
		assertThat(same(withDuration("PT2M"), withDuration("PT3M"))).isFalse();
	}

	@Test
	void theHundredthsRuleTouchesOnlySecondsFractions() {
		assertThat(StatementComparison.hundredths("PT1.5H")).isEqualTo("PT1.5H");
		assertThat(StatementComparison.hundredths("P1.25Y")).isEqualTo("P1.25Y");
		assertThat(StatementComparison.hundredths("P3W")).isEqualTo("P3W");
		assertThat(StatementComparison.hundredths("PT0.999S")).isEqualTo("PT0.99S");
		assertThat(StatementComparison.hundredths("PT12M3S")).isEqualTo("PT12M3S");
	}

	@Test
	void aDurationElsewhereThanInTheResultIsComparedAsIs() {
		String stored = """
				{"actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},
				 "object":{"id":"https://x.org/a"},
				 "context":{"extensions":{"https://x.org/ext":{"duration":"PT1.1234S"}}}}
				""";
		assertThat(same(stored, stored.replace("PT1.1234S", "PT1.12S"))).isFalse();
	}

}
