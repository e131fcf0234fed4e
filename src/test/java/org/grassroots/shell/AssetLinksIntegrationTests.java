package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Pages link scripts and styles under hashed URLs, except the grid worker's phone app: its service worker keeps the
 * shell for offline use under the plain URLs it lists (static/sw.js).
 */
class AssetLinksIntegrationTests extends IntegrationTestSupport {

	@Test
	void the_phone_app_keeps_the_plain_urls_its_service_worker_caches() throws Exception {
		String phone = mvc.perform(get("/m").with(as("gaomiao.grid1"))).andReturn().getResponse().getContentAsString();
		assertThat(phone).contains("\"/js/fieldwork-app.js\"").contains("\"/css/grassroots.css\"")
			.contains("\"/webjars/bootstrap/css/bootstrap.min.css\"").doesNotContainPattern("-[0-9a-f]{32}\\.(js|css)\"");
	}

	@Test
	void other_signed_in_pages_link_the_hashed_urls() throws Exception {
		String appeals = mvc.perform(get("/appeals").with(as("gaomiao.grid1"))).andReturn().getResponse().getContentAsString();
		assertThat(appeals).containsPattern("\"/css/grassroots-[0-9a-f]{32}\\.css\"")
			.containsPattern("\"/webjars/htmx.org/[^\"]*htmx\\.min-[0-9a-f]{32}\\.js\"")
			.doesNotContain("\"/css/grassroots.css\"");
	}

}
