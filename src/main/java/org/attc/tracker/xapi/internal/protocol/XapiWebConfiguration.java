package org.attc.tracker.xapi.internal.protocol;

import jakarta.servlet.http.HttpServletRequest;
import org.attc.tracker.xapi.internal.statements.StatementIngestion;
import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the xAPI protocol filter ahead of Spring Security (order -100) and the
 * spoken-version filter after it.
 */
@Configuration(proxyBeanMethods = false)
class XapiWebConfiguration {

	@Bean
	FilterRegistrationBean<XapiProtocolFilter> xapiProtocolFilter(StatementIngestion ingestion) {
		FilterRegistrationBean<XapiProtocolFilter> registration = new FilterRegistrationBean<>(
				new XapiProtocolFilter(ingestion::consistentThrough));
		registration.addUrlPatterns("/xapi/*");
		registration.setOrder(-200);
		return registration;
	}

	/**
	 * After Spring Security (order -100): the version a client speaks, and the 400 for a
	 * request without one.
	 */
	@Bean
	FilterRegistrationBean<SpokenVersionFilter> spokenVersionFilter(SpokenVersions versions) {
		FilterRegistrationBean<SpokenVersionFilter> registration = new FilterRegistrationBean<>(
				new SpokenVersionFilter(versions));
		registration.addUrlPatterns("/xapi/*");
		registration.setOrder(0);
		return registration;
	}

	/**
	 * Boot's form-content filter (declaring one replaces Boot's), except under
	 * {@code /xapi}: there a form-encoded PUT or DELETE body is a document's content
	 * (Communication §2.2), and parsing it into parameters would lose it.
	 */
	@Bean
	OrderedFormContentFilter formContentFilter() {
		return new OrderedFormContentFilter() {
			@Override
			protected boolean shouldNotFilter(HttpServletRequest request) {
				return request.getRequestURI().startsWith(request.getContextPath() + "/xapi/");
			}
		};
	}

}
