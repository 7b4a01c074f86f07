package org.attc.tracker.lti.internal.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The web origin of a platform URL (RFC 6454 §4: scheme, host, port), used for CSP
 * sources and same-origin checks.
 */
class PlatformOriginTests {

	@Test
	void isSchemeHostAndPort() {
		assertThat(PlatformRegistrations.originOf("https://moodle.example.ac.uk/mod/lti/auth.php?x=1"))
			.isEqualTo("https://moodle.example.ac.uk");
		assertThat(PlatformRegistrations.originOf("http://127.0.0.1:18290")).isEqualTo("http://127.0.0.1:18290");
		assertThat(PlatformRegistrations.originOf("HTTPS://moodle.example.ac.uk#top"))
			.isEqualTo("https://moodle.example.ac.uk");
	}

	@Test
	void aQueryThatJavaNetUriRefusesDoesNotMatter() {
		// a deep linking return URL as a platform might send it, unencoded
		assertThat(PlatformRegistrations
			.originOf("http://127.0.0.1:18290/mod/lti/contentitem_return.php?course=2&id=1&sesskey=<x> {y}|"))
			.isEqualTo("http://127.0.0.1:18290");
	}

	@Test
	void refusesWhatIsNoHttpUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> PlatformRegistrations.originOf("javascript:alert(1)"));
		assertThatIllegalArgumentException().isThrownBy(() -> PlatformRegistrations.originOf("/relative/path"));
	}

}
