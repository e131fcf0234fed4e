package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Similar open appeals of a village are suggested on intake; staff merge the duplicate. */
class SimilarAndMergeIntegrationTests extends IntegrationTestSupport {

	private static final String LIUSHU_GRID = "62079910020403";
	private final JsonMapper json = JsonMapper.builder().build();

	private JsonNode submit(String text) throws Exception {
		return json.readTree(mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("qinghe.staff")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"PHONE\",\"categoryCode\":\"ROAD_LIGHTING\",\"description\":\"" + text + "\",\"regionCode\":\"" + LIUSHU_GRID + "\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	@Test
	void a_duplicate_is_suggested_and_merged_into_the_first() throws Exception {
		JsonNode first = submit("柳树村三组桥头的路灯坏了，晚上看不见路");
		JsonNode other = submit("邻居家的狗经常跑出来追着人咬");
		JsonNode second = submit("三组桥头路灯不亮了，晚上走路看不见");
		String similar = mvc.perform(get("/api/v1/appeals/" + second.get("id").asLong() + "/similar").with(as("qinghe.staff")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(similar).contains(first.get("trackingCode").asString()).doesNotContain(other.get("trackingCode").asString());
		mvc.perform(get("/appeals/" + second.get("id").asLong()).with(as("qinghe.staff")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"similar\"")));
		// merge into itself or into another township's appeal: refused
		long id = second.get("id").asLong();
		mvc.perform(post("/api/v1/appeals/" + id + "/merge").with(csrf()).with(as("qinghe.staff")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":0,\"target\":\"" + second.get("trackingCode").asString() + "\"}")).andExpect(status().isConflict());
		String foreign = jdbc.sql("SELECT MIN(tracking_code) FROM appeals_appeal WHERE region_path LIKE '%/620799200000/%'").query(String.class).single();
		mvc.perform(post("/api/v1/appeals/" + id + "/merge").with(csrf()).with(as("qinghe.staff")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":0,\"target\":\"" + foreign + "\"}")).andExpect(status().isBadRequest());
		JsonNode merged = json.readTree(mvc.perform(post("/api/v1/appeals/" + id + "/merge").with(csrf()).with(as("qinghe.staff"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":0,\"target\":\"" + first.get("trackingCode").asString() + "\"}"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(merged.get("status").asString()).isEqualTo("MERGED");
		assertThat(count("SELECT COUNT(*) FROM appeals_event WHERE appeal_id = ? AND action = 'MERGED_IN'", first.get("id").asLong())).isOne();
		assertThat(count("SELECT SUM(merged) FROM dashboard_appeal_daily WHERE region_path LIKE ?", "%/" + LIUSHU_GRID + "/")).isOne();
		// a merged appeal is no longer suggested
		assertThat(mvc.perform(get("/api/v1/appeals/" + first.get("id").asLong() + "/similar").with(as("qinghe.staff")))
			.andReturn().getResponse().getContentAsString()).doesNotContain(second.get("trackingCode").asString());
	}

	@Test
	void a_grid_worker_is_suggested_only_the_similar_appeals_of_their_own_grid() throws Exception {
		String text = "高庙村村委会门前的水泥路塌陷了一个大坑";
		long mine = json.readTree(mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"channel\":\"PHONE\",\"categoryCode\":\"ROAD_LIGHTING\",\"description\":\""
					+ text + "\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\"}"))
			.andReturn().getResponse().getContentAsString()).get("id").asLong();
		JsonNode elsewhere = json.readTree(mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"channel\":\"PHONE\",\"categoryCode\":\"ROAD_LIGHTING\",\"description\":\""
					+ text + "，很危险\",\"regionCode\":\"" + GAOMIAO.substring(0, 12) + "02\"}"))
			.andReturn().getResponse().getContentAsString());
		String code = elsewhere.get("trackingCode").asString();
		// the village cadre sees both grids' appeals, so it is suggested to them
		assertThat(mvc.perform(get("/api/v1/appeals/" + mine + "/similar").with(as("gaomiao.cadre"))).andReturn().getResponse()
			.getContentAsString()).contains(code);
		// the first grid's worker may not read the second grid's appeal, so it is not suggested (nor offered to merge into)
		mvc.perform(get("/api/v1/appeals/" + elsewhere.get("id").asLong()).with(as("gaomiao.grid1"))).andExpect(status().isNotFound());
		assertThat(mvc.perform(get("/api/v1/appeals/" + mine + "/similar").with(as("gaomiao.grid1"))).andReturn().getResponse()
			.getContentAsString()).doesNotContain(code);
		assertThat(mvc.perform(get("/appeals/" + mine).with(as("gaomiao.grid1"))).andReturn().getResponse().getContentAsString())
			.doesNotContain(code);
	}

}
