package org.attc.tracker.xapi.internal;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the xAPI protocol filter ahead of Spring Security (order -100). */
@Configuration(proxyBeanMethods = false)
class XapiWebConfiguration {

	@Bean
	FilterRegistrationBean<XapiProtocolFilter> xapiProtocolFilter() {
		FilterRegistrationBean<XapiProtocolFilter> registration = new FilterRegistrationBean<>(
				new XapiProtocolFilter());
		registration.addUrlPatterns("/xapi/*");
		registration.setOrder(-200);
		return registration;
	}

}
