package org.attc.tracker.lti.internal.security;

import java.net.http.HttpResponse;

import org.attc.tracker.support.HttpTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session cookie as the browser receives it: fit for the LMS iframe behind https,
 * unchanged over plain http.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class IframeSessionCookieHttpTests {

	@LocalServerPort
	int port;

	private String sessionCookie(HttpResponse<String> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((c) -> c.startsWith("JSESSIONID="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
	}

	@Test
	void behindAnHttpsProxyTheSessionCookieIsCrossSiteAndPartitioned() {
		HttpTestClient browser = new HttpTestClient(this.port);
		String cookie = sessionCookie(
				browser.send(browser.request("/login").header("X-Forwarded-Proto", "https").GET()));
		assertThat(cookie).contains("; Secure")
			.contains("; SameSite=None")
			.contains("; Partitioned")
			.contains("; HttpOnly");
	}

	@Test
	void overPlainHttpTheSessionCookieStaysLax() {
		HttpTestClient browser = new HttpTestClient(this.port);
		String cookie = sessionCookie(browser.get("/login"));
		assertThat(cookie).contains("; SameSite=Lax")
			.contains("; HttpOnly")
			.doesNotContain("Secure")
			.doesNotContain("Partitioned");
	}

	@Test
	void onlyTheFirstProxyHopDecides() {
		assertThat(new org.springframework.mock.web.MockHttpServletRequest() {
			{
				addHeader("X-Forwarded-Proto", "http, https");
			}
		}).satisfies((r) -> assertThat(IframeSessionCookie.https(r)).isFalse());
		org.springframework.mock.web.MockHttpServletRequest forwarded = new org.springframework.mock.web.MockHttpServletRequest();
		forwarded.addHeader("Forwarded", "for=192.0.2.60;proto=https;by=203.0.113.43");
		assertThat(IframeSessionCookie.https(forwarded)).isTrue();
	}

}
