package org.grassroots.shell.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What /v3/api-docs says about the API as a whole, and how to authenticate. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI grassrootsApi() {
		return new OpenAPI()
			.info(new Info().title("Grassroots 基层智治 API")
				.version("v1")
				.description("""
						Everything is limited to the caller's region subtree: a record outside it answers 404, a missing \
						permission 403, a stale `version` 409. Errors are RFC 9457 problem details with field-level \
						messages (zh-CN by default; send `Accept-Language: en` for English). Lists take `page` (from 0) \
						and `size` (at most 200).""")
				.license(new License().name("Apache-2.0")))
			.components(new Components().addSecuritySchemes("token", new SecurityScheme().type(SecurityScheme.Type.HTTP)
				.scheme("bearer")
				.description("A personal API token (grt_…) issued on the API tokens page")))
			.addSecurityItem(new SecurityRequirement().addList("token"));
	}

}
