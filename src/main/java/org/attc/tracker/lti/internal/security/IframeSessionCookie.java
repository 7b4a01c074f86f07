package org.attc.tracker.lti.internal.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.util.SessionConfig;
import org.apache.tomcat.util.http.CookieProcessor;
import org.apache.tomcat.util.http.Rfc6265CookieProcessor;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The session cookie of a page served over https is {@code SameSite=None; Secure;
 * Partitioned}, so that a launch keeps its session inside the LMS iframe: after the
 * launch, every page in the frame is a cross-site request as far as the browser is
 * concerned, and a {@code Lax} cookie would not be sent with it (LTI Security Framework
 * §5.1.1.3 leaves the session to the tool; CHIPS partitions it per LMS). Over plain http
 * (a developer's machine) the configured cookie is left as it is: {@code SameSite=None}
 * needs {@code Secure}. What protects the session against cross-site requests is the CSRF
 * token every form and session-authenticated API call carries.
 */
@Configuration(proxyBeanMethods = false)
class IframeSessionCookie {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> iframeSessionCookieProcessor() {
		return (factory) -> factory.addContextCustomizers((context) -> context.setCookieProcessor(
				new Processor(SessionConfig.getSessionCookieName(context), context.getCookieProcessor())));
	}

	/**
	 * Rewrites the session cookie on https requests; leaves every other cookie to Boot's.
	 */
	static final class Processor extends Rfc6265CookieProcessor {

		private final String sessionCookieName;

		private final CookieProcessor configured;

		Processor(String sessionCookieName, CookieProcessor configured) {
			this.sessionCookieName = sessionCookieName;
			this.configured = configured;
		}

		@Override
		public String generateHeader(Cookie cookie, HttpServletRequest request) {
			if (this.sessionCookieName.equals(cookie.getName()) && https(request)) {
				cookie.setSecure(true);
				cookie.setAttribute("SameSite", "None");
				cookie.setAttribute("Partitioned", "");
				return super.generateHeader(cookie, request);
			}
			return (this.configured != null) ? this.configured.generateHeader(cookie, request)
					: super.generateHeader(cookie, request);
		}

		/**
		 * Whether the browser reached us over https: directly, or through a proxy that
		 * says so. A forged header only makes the caller's own cookie Secure (their
		 * browser then withholds it over http); it opens nothing.
		 */
		static boolean https(HttpServletRequest request) {
			if (request == null) {
				return false;
			}
			if (request.isSecure()) {
				return true;
			}
			String proto = request.getHeader("X-Forwarded-Proto");
			if (proto != null && proto.split(",")[0].strip().equalsIgnoreCase("https")) {
				return true;
			}
			String forwarded = request.getHeader("Forwarded");
			return forwarded != null
					&& forwarded.toLowerCase(java.util.Locale.ROOT).matches("(?s).*proto=\"?https\"?.*");
		}

	}

}
