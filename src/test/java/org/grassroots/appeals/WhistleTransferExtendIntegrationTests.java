package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.calendar.WorkingCalendar;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** 吹哨报到, 转派 and 延期, each by the people allowed to. */
class WhistleTransferExtendIntegrationTests extends IntegrationTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	WorkingCalendar calendar;

	private JsonNode call(String user, String path, String body, int expected) throws Exception {
		String response = mvc.perform(post(path).with(csrf()).with(as(user)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().is(expected)).andReturn().getResponse().getContentAsString();
		return expected == 200 || expected == 201 ? json.readTree(response) : null;
	}

	private JsonNode accepted(String category) throws Exception {
		JsonNode a = call("gaomiao.cadre", "/api/v1/appeals", "{\"channel\":\"PHONE\",\"categoryCode\":\"" + category
				+ "\",\"description\":\"需要多部门协同的诉求\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\"}", 201);
		return call("gaomiao.cadre", "/api/v1/appeals/" + a.get("id").asLong() + "/accept", "{\"version\":0}", 200);
	}

	@Test
	void the_township_whistles_a_department_which_reports_in_and_the_county_level_resolves_it() throws Exception {
		JsonNode a = accepted("OTHER");
		long id = a.get("id").asLong();
		String whistle = "{\"version\":" + a.get("version").asInt() + ",\"departments\":\"县民政局\",\"note\":\"需核定低保资格\"}";
		call("gaomiao.cadre", "/api/v1/appeals/" + id + "/whistle", whistle, 403);
		a = call("qinghe.staff", "/api/v1/appeals/" + id + "/whistle", whistle, 200);
		assertThat(a.get("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(a.get("whistles").get(0).get("department").asString()).isEqualTo("县民政局");
		assertThat(a.get("whistles").get(0).get("reportedAt").isNull()).isTrue();
		// only the whistled department reports in, once
		call("gaomiao.cadre", "/api/v1/appeals/" + id + "/report-in", "{\"version\":0,\"note\":\"不是部门\"}", 403);
		call("xishang.cadre", "/api/v1/appeals/" + id + "/report-in", "{\"version\":0,\"note\":\"越界\"}", 404);
		// the department answers on the version it read (a stale one is 409 like any other step)
		call("mzj.staff", "/api/v1/appeals/" + id + "/report-in", "{\"version\":0,\"note\":\"旧版本\"}", 409);
		a = call("mzj.staff", "/api/v1/appeals/" + id + "/report-in", "{\"version\":" + a.get("version").asInt()
				+ ",\"note\":\"已派员入户核查，符合条件\"}", 200);
		assertThat(a.get("whistles").get(0).get("reply").asString()).isEqualTo("已派员入户核查，符合条件");
		assertThat(a.get("allowedSteps").toString()).doesNotContain("REPORT_IN");
		call("mzj.staff", "/api/v1/appeals/" + id + "/report-in", "{\"version\":" + a.get("version").asInt() + ",\"note\":\"再报一次\"}", 409);
		a = call("qinghe.staff", "/api/v1/appeals/" + id + "/resolve", "{\"version\":" + a.get("version").asInt() + ",\"note\":\"已纳入低保\"}", 200);
		assertThat(a.get("resolvedLevel").asString()).isEqualTo("COUNTY");
		mvc.perform(get("/appeals/" + id).with(as("mzj.staff"))).andExpect(status().isOk());
	}

	@Test
	void the_township_extends_once_and_the_deadline_moves_by_working_days() throws Exception {
		JsonNode a = accepted("ROAD_LIGHTING");
		long id = a.get("id").asLong();
		Instant due = Instant.parse(a.get("resolutionDue").asString());
		call("gaomiao.cadre", "/api/v1/appeals/" + id + "/extend", "{\"version\":1,\"days\":3,\"note\":\"需采购灯具\"}", 403);
		a = call("qinghe.leader", "/api/v1/appeals/" + id + "/extend", "{\"version\":1,\"days\":3,\"note\":\"需采购灯具\"}", 200);
		assertThat(Instant.parse(a.get("resolutionDue").asString())).isEqualTo(calendar.dueAfterWorkingDays(due, 3));
		assertThat(a.get("extensionCount").asInt()).isEqualTo(1);
		call("qinghe.leader", "/api/v1/appeals/" + id + "/extend", "{\"version\":2,\"days\":3,\"note\":\"再延\"}", 409);
		call("qinghe.leader", "/api/v1/appeals/" + id + "/extend", "{\"version\":2,\"days\":40,\"note\":\"太长\"}", 400);
	}

	@Test
	void a_transfer_to_another_grid_hands_it_over_and_the_county_dispatcher_may_act_anywhere() throws Exception {
		JsonNode a = accepted("ENVIRONMENT");
		long id = a.get("id").asLong();
		a = call("gaomiao.cadre", "/api/v1/appeals/" + id + "/transfer",
				"{\"version\":1,\"regionCode\":\"" + GAOMIAO + "02\",\"unit\":\"第二网格\",\"note\":\"地点在第二网格\"}", 200);
		assertThat(a.get("status").asString()).isEqualTo("SUBMITTED");
		assertThat(a.get("handlingUnit").asString()).isEqualTo("第二网格");
		mvc.perform(get("/api/v1/appeals/" + id).with(as("gaomiao.grid1"))).andExpect(status().isNotFound());
		call("gaomiao.cadre", "/api/v1/appeals/" + id + "/transfer",
				"{\"version\":2,\"regionCode\":\"" + XISHANG + "\",\"note\":\"越界转派\"}", 400);
		a = call("dispatcher", "/api/v1/appeals/" + id + "/accept", "{\"version\":2}", 200);
		assertThat(a.get("status").asString()).isEqualTo("ACCEPTED");
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'appeal' AND entity_id = ? AND actor = 'dispatcher'",
				String.valueOf(id))).isOne();
	}

}
