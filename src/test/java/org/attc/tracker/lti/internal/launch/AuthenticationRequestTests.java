package org.attc.tracker.lti.internal.launch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Security Framework §5.1.1.2: the authentication request's URI, built by hand. */
class AuthenticationRequestTests {

	@Test
	void encodesEverythingButUnreservedCharacters() {
		assertThat(
				new AuthenticationRequest("https://lms.example/auth").with("lti_message_hint", "{\"cmid\":5} a+b%~._-")
					.uri())
			.isEqualTo("https://lms.example/auth?lti_message_hint=%7B%22cmid%22%3A5%7D%20a%2Bb%25~._-");
	}

	@Test
	void encodesNonAsciiAsUtf8() {
		assertThat(new AuthenticationRequest("https://lms.example/auth").with("login_hint", "é✓").uri())
			.isEqualTo("https://lms.example/auth?login_hint=%C3%A9%E2%9C%93");
	}

	@Test
	void keepsTheEndpointsOwnQueryAndDropsAFragment() {
		assertThat(new AuthenticationRequest("https://lms.example/auth?tenant=a%20b#x").with("scope", "openid")
			.with("nonce", null)
			.uri()).isEqualTo("https://lms.example/auth?tenant=a%20b&scope=openid");
		assertThat(new AuthenticationRequest("https://lms.example/auth?").with("scope", "openid").uri())
			.isEqualTo("https://lms.example/auth?scope=openid");
	}

}
