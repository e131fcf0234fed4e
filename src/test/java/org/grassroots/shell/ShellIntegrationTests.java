package org.grassroots.shell;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

/** Language, health, metrics and the API description. */
class ShellIntegrationTests extends IntegrationTestSupport {

	@Test
	void pages_are_chinese_by_default_and_english_on_request_or_by_browser_preference() throws Exception {
		mvc.perform(get("/login")).andExpect(content().string(org.hamcrest.Matchers.containsString("用户名")));
		mvc.perform(get("/login").header("Accept-Language", "en-US,en;q=0.9"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Username")));
		mvc.perform(get("/login").param("lang", "en"))
			.andExpect(cookie().value("grassroots-lang", "en"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Sign in")));
		mvc.perform(get("/").with(as("gaomiao.cadre")).cookie(new Cookie("grassroots-lang", "en")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Households")));
	}

	@Test
	void health_metrics_and_openapi_are_served() throws Exception {
		mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
		// metrics and the API description are for signed-in people and tokens unless opened by setting
		mvc.perform(get("/actuator/prometheus")).andExpect(status().is(org.hamcrest.Matchers.oneOf(302, 401)));
		mvc.perform(get("/v3/api-docs")).andExpect(status().is(org.hamcrest.Matchers.oneOf(302, 401)));
		mvc.perform(get("/actuator/prometheus").with(as("admin"))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes")));
		mvc.perform(get("/v3/api-docs").with(as("admin"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/v1/regions']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/households/{id}']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/audit/verify']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/assignments'].post.summary").exists())
			.andExpect(jsonPath("$.paths['/api/v1/assignments/{id}/end']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/visits'].post").exists())
			.andExpect(jsonPath("$.paths['/api/v1/patrols']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/coverage/targets'].get.summary").exists())
			.andExpect(jsonPath("$.paths['/api/v1/coverage/chain']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/disputes'].post.summary").exists())
			.andExpect(jsonPath("$.paths['/api/v1/disputes/{id}/close']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/disputes/screenings']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/petitions/{id}/items/approve'].post.summary").exists())
			.andExpect(jsonPath("$.paths['/api/v1/petitions/stats']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/appeals/{id}/refer-to-mediation']").exists());
	}

	@Test
	void pages_need_a_sign_in() throws Exception {
		mvc.perform(get("/registry/households")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/api/v1/regions")).andExpect(status().isUnauthorized());
	}

}
