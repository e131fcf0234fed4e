package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deep pages are read from a position (issue 20): each page says where the next one starts ({@code next}) and where the
 * previous one ends ({@code previous}); pages read that way are the same rows as pages read by number, in the same
 * order, forwards and backwards; a position never widens the caller's scope; a token that is not one is refused.
 */
class AppealListPositionsIntegrationTests extends IntegrationTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	private JsonNode page(String user, MockHttpServletRequestBuilder request) throws Exception {
		return json.readTree(mvc.perform(request.with(as(user))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	private static List<Long> ids(JsonNode page) {
		List<Long> ids = new ArrayList<>();
		page.get("content").forEach(row -> ids.add(row.get("id").asLong()));
		return ids;
	}

	@Test
	void pages_read_from_positions_are_the_pages_read_by_number_forwards_and_backwards() throws Exception {
		List<List<Long>> byNumber = new ArrayList<>();
		for (int n = 0; n < 6; n++) {
			byNumber.add(ids(page("admin", get("/api/v1/appeals").param("page", "" + n).param("size", "40"))));
		}
		assertThat(byNumber.get(5)).hasSize(40);

		JsonNode current = page("admin", get("/api/v1/appeals").param("size", "40"));
		assertThat(current.has("previous")).isFalse();
		List<JsonNode> byPosition = new ArrayList<>(List.of(current));
		for (int n = 1; n < 6; n++) {
			current = page("admin", get("/api/v1/appeals").param("page", "" + n).param("size", "40").param("after", current.get("next").asString()));
			assertThat(current.get("page").get("number").asInt()).isEqualTo(n);
			byPosition.add(current);
		}
		for (int n = 0; n < 6; n++) {
			assertThat(ids(byPosition.get(n))).as("page %d", n).isEqualTo(byNumber.get(n));
		}

		// back from page 5 to page 1, each read backwards from the first row of the page after it
		current = byPosition.get(5);
		for (int n = 4; n >= 1; n--) {
			current = page("admin", get("/api/v1/appeals").param("page", "" + n).param("size", "40").param("before", current.get("previous").asString()));
			assertThat(ids(current)).as("page %d read backwards", n).isEqualTo(byNumber.get(n));
		}
	}

	@Test
	void a_position_from_a_wider_scope_shows_only_the_callers_own_rows() throws Exception {
		JsonNode county = page("admin", get("/api/v1/appeals").param("size", "200"));
		String deep = county.get("next").asString();
		JsonNode village = page("gaomiao.cadre", get("/api/v1/appeals").param("page", "1").param("size", "200").param("after", deep));
		List<Long> everyOwn = new ArrayList<>();
		for (int n = 0; ; n++) {
			JsonNode p = page("gaomiao.cadre", get("/api/v1/appeals").param("page", "" + n).param("size", "200"));
			everyOwn.addAll(ids(p));
			if (p.get("content").size() < 200) {
				break;
			}
		}
		assertThat(ids(village)).isNotEmpty().allMatch(everyOwn::contains);
		assertThat(everyOwn.size()).isLessThan(county.get("page").get("totalElements").asInt());
	}

	@Test
	void a_token_that_is_not_a_position_is_refused_naming_it() throws Exception {
		mvc.perform(get("/api/v1/appeals").param("after", "not-a-position").with(as("admin")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("after"));
		mvc.perform(get("/api/v1/appeals").param("before", "MTIz").with(as("admin")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("before"));
		mvc.perform(get("/appeals").param("after", "not-a-position").with(as("admin"))).andExpect(status().isBadRequest());
	}

	@Test
	void the_list_page_links_its_next_page_by_position() throws Exception {
		String html = mvc.perform(get("/appeals").with(as("admin"))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		JsonNode first = page("admin", get("/api/v1/appeals"));
		assertThat(html).contains("page=1&amp;after=" + first.get("next").asString());
		String second = mvc.perform(get("/appeals").param("page", "1").param("after", first.get("next").asString()).with(as("admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		// the previous page of page 2 is the first, read from the top: no position
		assertThat(second).contains("page=0\"").doesNotContain("before=");
	}

}
