package org.attc.tracker.identity.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the JSON API ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui/index.html}), for signed-in users only (see {@link WebSecurity}). It
 * covers {@code /api/**}; the LRS at {@code /xapi} is left out: its contract is the xAPI
 * specification, which an OpenAPI document would only restate loosely.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String BASIC = "basic";

	@Bean
	OpenAPI capabilityTrackerApi() {
		return new OpenAPI()
			.info(new Info().title("Capability Tracker API")
				.version("1")
				.description("Learners, organisations, activity mappings, progress and reports of the ATTC "
						+ "Capability Tracker. Every call needs an account: HTTP Basic, or the session of a "
						+ "signed-in browser. What a call answers depends on the account's roles and scope."))
			.components(new Components().addSecuritySchemes(BASIC,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC));
	}

	@Bean
	GroupedOpenApi reportingApi() {
		return GroupedOpenApi.builder()
			.group("api")
			.displayName("Capability Tracker API")
			.pathsToMatch("/api/**")
			.build();
	}

}
