package org.attc.tracker.lti.internal.security;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.util.StringUtils;

/**
 * The session cookie of a page served over https is {@code SameSite=None; Secure;
 * Partitioned}, so that a launch keeps its session inside the LMS iframe: after the
 * launch, every page in the frame is a cross-site request as far as the browser is
 * concerned, and a {@code Lax} cookie would not be sent with it (LTI Security Framework
 * §5.1.1.3 leaves the session to the tool; CHIPS partitions it per LMS). Over plain http
 * (a developer's machine) the configured cookie ({@code server.servlet.session.cookie.*})
 * is left as it is: {@code SameSite=None} needs {@code Secure}. What protects the session
 * against cross-site requests is the CSRF token every form and session-authenticated API
 * call carries.
 * <p>
 * Sessions live in the database (Spring Session JDBC), so Spring Session writes the
 * cookie, through this serializer; it keeps the servlet container's name
 * {@code JSESSIONID}.
 */
@Configuration(proxyBeanMethods = false)
class IframeSessionCookie {

	@Bean
	CookieSerializer iframeSessionCookieSerializer(Environment environment) {
		String name = environment.getProperty("server.servlet.session.cookie.name", "JSESSIONID");
		DefaultCookieSerializer configured = new DefaultCookieSerializer();
		configured.setCookieName(name);
		configured.setUseHttpOnlyCookie(
				environment.getProperty("server.servlet.session.cookie.http-only", Boolean.class, true));
		// the yml says "lax"; browsers read the attribute case-insensitively, but write
		// it as
		// the spec does
		configured.setSameSite(StringUtils.capitalize(
				environment.getProperty("server.servlet.session.cookie.same-site", "lax").toLowerCase(Locale.ROOT)));
		DefaultCookieSerializer framed = new DefaultCookieSerializer();
		framed.setCookieName(name);
		framed.setUseHttpOnlyCookie(true);
		framed.setUseSecureCookie(true);
		framed.setSameSite("None");
		framed.setPartitioned(true);
		return new Serializer(configured, framed);
	}

	/**
	 * Writes the framed cookie on https requests and the configured one otherwise; both
	 * have the same name, so reading is the same.
	 */
	static final class Serializer implements CookieSerializer {

		private final CookieSerializer configured;

		private final CookieSerializer framed;

		Serializer(CookieSerializer configured, CookieSerializer framed) {
			this.configured = configured;
			this.framed = framed;
		}

		@Override
		public void writeCookieValue(CookieValue cookieValue) {
			(https(cookieValue.getRequest()) ? this.framed : this.configured).writeCookieValue(cookieValue);
		}

		@Override
		public List<String> readCookieValues(HttpServletRequest request) {
			return this.configured.readCookieValues(request);
		}

	}

	/**
	 * Whether the browser reached us over https: directly, or through a proxy that says
	 * so. A forged header only makes the caller's own cookie Secure (their browser then
	 * withholds it over http); it opens nothing.
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
		return forwarded != null && forwarded.toLowerCase(Locale.ROOT).matches("(?s).*proto=\"?https\"?.*");
	}

}
