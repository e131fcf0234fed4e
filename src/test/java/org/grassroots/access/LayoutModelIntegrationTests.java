package org.grassroots.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

/** The layout's {@code me}: who is signed in, on every page, and the navigation drawn from their permissions. */
class LayoutModelIntegrationTests extends IntegrationTestSupport {

	@Test
	void every_page_knows_who_is_signed_in_and_draws_only_the_navigation_they_may_use() throws Exception {
		for (String username : new String[] {"qinghe.leader", "gaomiao.grid1", "supervisor"}) {
			var result = mvc.perform(get("/").with(as(username))).andExpect(status().isOk()).andReturn();
			CurrentUser me = (CurrentUser) result.getModelAndView().getModel().get("me");
			assertThat(me.username()).isEqualTo(username);
			String html = result.getResponse().getContentAsString();
			assertThat(html).contains(me.displayName()).contains("action=\"/logout\"");
			// the 12345 hand-off is the township's and the county's work, not a grid worker's
			assertThat(html.contains("href=\"/appeals/hotline\"")).as(username + ": 12345 link")
				.isEqualTo(me.can(Permission.APPEAL_INTAKE) && me.depth() <= 1);
			assertThat(html.contains("href=\"/swagger-ui.html\"")).as(username + ": API docs link").isEqualTo(me.depth() <= 1);
			// the page one is on is marked
			assertThat(html).containsPattern("href=\"/\"[^>]*aria-current=\"page\"");
			assertThat(html.contains("href=\"/disputes\"")).as(username + ": disputes link").isEqualTo(me.can(Permission.DISPUTE_READ));
			assertThat(html.contains("href=\"/fieldwork\"")).as(username + ": field work link").isEqualTo(me.can(Permission.FIELDWORK_READ));
		}
	}

	@Test
	void a_redirect_after_a_form_carries_nothing_of_the_signed_in_user() throws Exception {
		// an admin saves a category as it stands: the page answers with a plain redirect (the flag read as a
		// boolean: PostgreSQL spells it "t" as text)
		var row = jdbc.sql("""
				SELECT code, name_zh, name_en, default_level, handling_unit, response_hours, resolution_days, sort_order, active
				FROM appeals_category WHERE code = 'ROAD_LIGHTING'""")
			.query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6), rs.getString(7), rs.getString(8), String.valueOf(rs.getBoolean(9))})
			.single();
		mvc.perform(post("/appeals/categories").with(csrf()).with(as("admin")).param("code", row[0]).param("nameZh", row[1])
			.param("nameEn", row[2]).param("defaultLevel", row[3]).param("handlingUnit", row[4] == null ? "" : row[4])
			.param("responseHours", row[5]).param("resolutionDays", row[6]).param("sortOrder", row[7]).param("active", row[8]))
			.andExpect(redirectedUrl("/appeals/categories"));
	}

	@Test
	void a_signed_out_visitor_gets_the_sign_in_page_without_a_user() throws Exception {
		var result = mvc.perform(get("/login")).andExpect(status().isOk()).andReturn();
		assertThat(result.getModelAndView().getModel().get("me")).isNull();
		assertThat(result.getResponse().getContentAsString()).doesNotContain("action=\"/logout\"");
		mvc.perform(get("/appeals")).andExpect(redirectedUrl("/login"));
	}

}
