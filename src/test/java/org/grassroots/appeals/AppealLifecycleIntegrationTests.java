package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.calendar.WorkingCalendar;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An appeal from intake to closure through the API and the pages, with deadlines, 409s and denial. */
class AppealLifecycleIntegrationTests extends IntegrationTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	WorkingCalendar calendar;

	private JsonNode submit(String user, String category, String region) throws Exception {
		String body = mvc.perform(post("/api/v1/appeals").with(csrf()).with(as(user)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"APPEAL_POINT\",\"categoryCode\":\"" + category + "\",\"description\":\"村口路灯坏了三盏，晚上看不见路\","
					+ "\"regionCode\":\"" + region + "\",\"reporterName\":\"王大爷\",\"phone\":\"13812345678\"}"))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return json.readTree(body);
	}

	private JsonNode step(String user, long id, String action, int version, String extra) throws Exception {
		String body = mvc.perform(post("/api/v1/appeals/" + id + "/" + action).with(csrf()).with(as(user))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + (extra == null ? "" : "," + extra) + "}"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		return json.readTree(body);
	}

	@Test
	void an_appeal_goes_from_intake_to_a_satisfied_close() throws Exception {
		JsonNode a = submit("gaomiao.cadre", "ROAD_LIGHTING", GAOMIAO_GRID1);
		long id = a.get("id").asLong();
		assertThat(a.get("status").asString()).isEqualTo("SUBMITTED");
		assertThat(a.get("level").asString()).isEqualTo("VILLAGE");
		assertThat(a.get("villageCode").asString()).isEqualTo(GAOMIAO);
		assertThat(a.get("phone").asString()).isEqualTo("138****5678");
		assertThat(a.get("trackingCode").asString()).matches("[A-Z2-9]{10}");
		Instant submitted = Instant.parse(a.get("submittedAt").asString());
		assertThat(Instant.parse(a.get("resolutionDue").asString())).isEqualTo(calendar.dueAfterWorkingDays(submitted, 5));
		assertThat(Instant.parse(a.get("responseDue").asString())).isEqualTo(calendar.addWorkingHours(submitted, 4));

		a = step("gaomiao.grid1", id, "accept", a.get("version").asInt(), null);
		assertThat(a.get("status").asString()).isEqualTo("ACCEPTED");
		a = step("gaomiao.grid1", id, "resolve", a.get("version").asInt(), "\"note\":\"已更换三盏路灯\"");
		assertThat(a.get("status").asString()).isEqualTo("RESOLVED");
		assertThat(a.get("resolvedLevel").asString()).isEqualTo("VILLAGE");
		a = step("gaomiao.cadre", id, "rate", a.get("version").asInt(), "\"rating\":\"SATISFIED\"");
		assertThat(a.get("status").asString()).isEqualTo("CLOSED");
		assertThat(a.get("timeline").size()).isEqualTo(4);
		assertThat(a.get("timeline").get(1).get("actor").asString()).isEqualTo("gaomiao.grid1");
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'appeal' AND entity_id = ?", String.valueOf(id)))
			.isEqualTo(4);
		// the phone number is stored encrypted
		assertThat(jdbc.sql("SELECT phone_cipher FROM appeals_appeal WHERE id = ?").param(id).query(String.class).single())
			.startsWith("v1:").doesNotContain("13812345678");
	}

	@Test
	void not_satisfied_reopens_and_the_village_can_escalate_to_the_township() throws Exception {
		JsonNode a = submit("gaomiao.cadre", "ENVIRONMENT", GAOMIAO_GRID1);
		long id = a.get("id").asLong();
		a = step("gaomiao.cadre", id, "accept", a.get("version").asInt(), null);
		a = step("gaomiao.cadre", id, "resolve", a.get("version").asInt(), "\"note\":\"已清理\"");
		a = step("gaomiao.cadre", id, "rate", a.get("version").asInt(), "\"rating\":\"UNSATISFIED\"");
		assertThat(a.get("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(a.get("reopenCount").asInt()).isEqualTo(1);
		a = step("gaomiao.cadre", id, "escalate", a.get("version").asInt(), "\"note\":\"涉及镇区垃圾转运\"");
		assertThat(a.get("level").asString()).isEqualTo("TOWNSHIP");
		assertThat(a.get("status").asString()).isEqualTo("SUBMITTED");
		int version = a.get("version").asInt();
		// now the village may no longer act on it, the township may
		mvc.perform(post("/api/v1/appeals/" + id + "/accept").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + "}")).andExpect(status().isForbidden());
		a = step("qinghe.staff", id, "accept", version, null);
		a = step("qinghe.staff", id, "resolve", a.get("version").asInt(), "\"note\":\"镇环卫所已清运\"");
		assertThat(a.get("resolvedLevel").asString()).isEqualTo("TOWNSHIP");
	}

	@Test
	void a_stale_version_or_a_step_the_status_does_not_allow_answers_409() throws Exception {
		JsonNode a = submit("gaomiao.cadre", "WATER_POWER", GAOMIAO_GRID1);
		long id = a.get("id").asLong();
		int version = a.get("version").asInt();
		mvc.perform(post("/api/v1/appeals/" + id + "/resolve").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + ",\"note\":\"x\"}"))
			.andExpect(status().isConflict());
		step("gaomiao.cadre", id, "accept", version, null);
		mvc.perform(post("/api/v1/appeals/" + id + "/reject").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + ",\"note\":\"重复\"}"))
			.andExpect(status().isConflict());
		mvc.perform(post("/api/v1/appeals/" + id + "/resolve").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + (version + 1) + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("note"));
	}

	@Test
	void of_two_concurrent_accepts_one_wins_and_the_other_gets_409() throws Exception {
		JsonNode a = submit("gaomiao.cadre", "OTHER", GAOMIAO_GRID1);
		long id = a.get("id").asLong();
		int version = a.get("version").asInt();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (String user : List.of("gaomiao.cadre", "gaomiao.grid1")) {
				Callable<Integer> accept = () -> {
					start.await();
					return mvc.perform(post("/api/v1/appeals/" + id + "/accept").with(csrf()).with(as(user))
						.contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + "}"))
						.andReturn().getResponse().getStatus();
				};
				results.add(pool.submit(accept));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> f : results) {
				statuses.add(f.get());
			}
			assertThat(statuses).containsExactlyInAnyOrder(200, 409);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(count("SELECT COUNT(*) FROM appeals_event WHERE appeal_id = ? AND action = 'ACCEPT'", id)).isOne();
	}

	@Test
	void other_villages_and_read_only_roles_are_denied() throws Exception {
		JsonNode a = submit("gaomiao.cadre", "NEIGHBOUR", GAOMIAO_GRID1);
		long id = a.get("id").asLong();
		String v = "{\"version\":" + a.get("version").asInt() + ",\"note\":\"n\",\"rating\":\"SATISFIED\",\"unit\":\"u\",\"days\":3,"
				+ "\"departments\":\"县民政局\",\"target\":\"" + a.get("trackingCode").asString() + "\"}";
		mvc.perform(get("/api/v1/appeals/" + id).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/appeals/" + id).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		for (String action : List.of("accept", "escalate", "resolve", "rate", "reopen", "reject", "close", "transfer", "extend",
				"whistle", "merge")) {
			int outside = mvc.perform(post("/api/v1/appeals/" + id + "/" + action).with(csrf()).with(as("xishang.cadre"))
				.contentType(MediaType.APPLICATION_JSON).content(v)).andReturn().getResponse().getStatus();
			// extend and whistle are refused to any village desk before the appeal is looked at
			assertThat(outside).as(action).isIn(403, 404);
			mvc.perform(post("/api/v1/appeals/" + id + "/" + action).with(csrf()).with(as("supervisor"))
				.contentType(MediaType.APPLICATION_JSON).content(v)).andExpect(status().isForbidden());
			assertThat(mvc.perform(post("/appeals/" + id + "/" + action).with(csrf()).with(as("xishang.cadre")).param("version", "0")
				.param("note", "n").param("days", "3").param("departments", "县民政局").param("unit", "u")).andReturn().getResponse().getStatus())
				.as(action).isIn(403, 404);
		}
		mvc.perform(post("/api/v1/appeals/" + id + "/report-in").with(csrf()).with(as("xishang.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content(v)).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/appeals/" + id).with(as("supervisor"))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("supervisor")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"PHONE\",\"categoryCode\":\"OTHER\",\"description\":\"监督人员不能登记\",\"regionCode\":\"" + GAOMIAO + "\"}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"PHONE\",\"categoryCode\":\"OTHER\",\"description\":\"越界登记测试\",\"regionCode\":\"" + XISHANG + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("regionCode"));
		String list = mvc.perform(get("/api/v1/appeals").param("size", "200").with(as("xishang.cadre")))
			.andReturn().getResponse().getContentAsString();
		assertThat(list).doesNotContain(a.get("trackingCode").asString());
		assertThat(a.get("status").asString()).isEqualTo("SUBMITTED");
		assertThat(count("SELECT COUNT(*) FROM appeals_event WHERE appeal_id = ?", id)).isOne();
	}

	@Test
	void staff_enter_an_appeal_for_a_resident_found_in_the_registry() throws Exception {
		long household = householdIdIn(GAOMIAO_GRID1);
		String idNumber = freshIdNumber();
		mvc.perform(post("/api/v1/residents").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"householdId\":" + household + ",\"name\":\"来访居民\",\"idNumber\":\"" + idNumber
					+ "\",\"phone\":\"13655556666\",\"relation\":\"OTHER\",\"politicalStatus\":\"MASSES\"}"))
			.andExpect(status().isCreated());
		JsonNode a = json.readTree(mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"WALK_IN\",\"categoryCode\":\"OTHER\",\"description\":\"来访反映医保缴费问题\",\"resident\":\"" + idNumber + "\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		assertThat(a.get("reporterName").asString()).isEqualTo("来访居民");
		assertThat(a.get("phone").asString()).isEqualTo("136****6666");
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal a JOIN registry_resident r ON r.id = a.resident_id WHERE a.id = ? AND r.name = '来访居民'",
				a.get("id").asLong())).isOne();
		assertThat(jdbc.sql("SELECT region_path FROM appeals_appeal WHERE id = ?").param(a.get("id").asLong()).query(String.class).single())
			.endsWith("/" + GAOMIAO_GRID1 + "/");
		// by phone too; and not from another village's desk
		mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"PHONE\",\"categoryCode\":\"OTHER\",\"description\":\"电话反映同一问题\",\"resident\":\"13655556666\"}"))
			.andExpect(status().isCreated());
		mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("xishang.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"PHONE\",\"categoryCode\":\"OTHER\",\"description\":\"越界查找居民\",\"resident\":\"" + idNumber + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("resident"));
	}

	@Test
	void a_grid_worker_enters_and_handles_an_appeal_through_the_pages() throws Exception {
		mvc.perform(post("/appeals").with(csrf()).with(as("gaomiao.grid1")).param("channel", "GRID").param("categoryCode", "ROAD_LIGHTING")
			.param("description", "二组桥头护栏松动，有安全隐患").param("regionCode", GAOMIAO_GRID1))
			.andExpect(status().is3xxRedirection());
		long id = count("SELECT MAX(id) FROM appeals_appeal WHERE channel = 'GRID'");
		mvc.perform(post("/appeals/" + id + "/accept").with(csrf()).with(as("gaomiao.grid1")).param("version", "0"))
			.andExpect(redirectedUrl("/appeals/" + id));
		// no result: the appeal page again, 400, the result's field marked
		mvc.perform(post("/appeals/" + id + "/resolve").with(csrf()).with(as("gaomiao.grid1")).param("version", "1"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"result-error\"")));
		mvc.perform(post("/appeals/" + id + "/resolve").with(csrf()).with(as("gaomiao.grid1")).param("version", "1")
			.param("note", "已加固护栏")).andExpect(redirectedUrl("/appeals/" + id));
		mvc.perform(get("/appeals/" + id).with(as("gaomiao.grid1")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("已加固护栏")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("已办结")));
		mvc.perform(get("/appeals").param("status", "RESOLVED").with(as("gaomiao.cadre")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("二组桥头护栏松动")));
		mvc.perform(post("/appeals").with(csrf()).with(as("gaomiao.grid1")).param("channel", "GRID").param("categoryCode", "")
			.param("description", "短").param("regionCode", GAOMIAO_GRID1))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("诉求内容须为 5 到 4000 字")));
	}

}
