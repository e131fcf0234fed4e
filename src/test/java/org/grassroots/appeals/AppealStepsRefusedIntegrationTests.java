package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.grassroots.IntegrationTestSupport;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An appeal answers a step its status does not allow as every module does (409, a problem detail naming the step
 * and the status, the reason on a page), a stale version as a 409 problem too, and keeps a whole rejection reason.
 */
class AppealStepsRefusedIntegrationTests extends IntegrationTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	private JsonNode submit() throws Exception {
		return json.readTree(mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"APPEAL_POINT\",\"categoryCode\":\"OTHER\",\"description\":\"村委会门口的水管漏水一周了\",\"regionCode\":\""
					+ GAOMIAO_GRID1 + "\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private int accept(long id, int version) throws Exception {
		return json.readTree(mvc.perform(post("/api/v1/appeals/" + id + "/accept").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + "}"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("version").asInt();
	}

	@Test
	void accepting_an_accepted_appeal_over_the_api_is_a_409_problem_naming_the_step_and_the_status() throws Exception {
		long id = submit().get("id").asLong();
		int version = accept(id, 0);
		mvc.perform(post("/api/v1/appeals/" + id + "/accept").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + "}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://grassroots.example/problems/step-not-allowed"))
			.andExpect(jsonPath("$.status").value(409))
			.andExpect(jsonPath("$.title").value("此操作现在不能进行"))
			.andExpect(jsonPath("$.step").value("appeal.step.accept"))
			.andExpect(jsonPath("$.state").value("ACCEPTED"))
			.andExpect(jsonPath("$.kind").value("appeal"))
			.andExpect(jsonPath("$.detail").value("当前状态为“已签收”，不能签收；请刷新后查看最新情况"));
		mvc.perform(post("/api/v1/appeals/" + id + "/accept").with(csrf()).with(as("gaomiao.cadre")).header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + "}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("Cannot accept it while it is “Accepted”; reload to see where it stands"));
		assertThat(count("SELECT COUNT(*) FROM appeals_event WHERE appeal_id = ? AND action = 'ACCEPT'", id)).isOne();
	}

	@Test
	void a_stale_version_is_a_409_problem_of_its_own_type() throws Exception {
		long id = submit().get("id").asLong();
		accept(id, 0);
		mvc.perform(post("/api/v1/appeals/" + id + "/resolve").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":0,\"note\":\"已修好\"}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://grassroots.example/problems/stale-version"))
			.andExpect(jsonPath("$.detail").value("该记录已被他人修改，请刷新后重试（您的修改未保存）"))
			.andExpect(jsonPath("$.step").doesNotExist());
	}

	@Test
	void the_same_step_from_the_appeal_page_answers_409_with_the_reason_on_the_page() throws Exception {
		long id = submit().get("id").asLong();
		int version = accept(id, 0);
		// the appeal's own page, with the reason above its steps
		mvc.perform(post("/appeals/" + id + "/accept").with(csrf()).with(as("gaomiao.cadre")).param("version", String.valueOf(version)))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"step-error\""), Matchers.containsString("id=\"tracking-code\""),
					Matchers.containsString("当前状态为“已签收”，不能签收；请刷新后查看最新情况"))));
		mvc.perform(post("/appeals/" + id + "/accept").with(csrf()).with(as("gaomiao.cadre")).header("Accept-Language", "en")
			.param("version", String.valueOf(version)))
			.andExpect(status().isConflict())
			.andExpect(content().string(Matchers.containsString("Cannot accept it while it is “Accepted”")));
	}

	@Test
	void a_rejection_reason_of_2000_characters_is_kept_whole_and_a_longer_one_is_refused_by_its_field() throws Exception {
		long id = submit().get("id").asLong();
		int version = accept(id, 0);
		mvc.perform(post("/api/v1/appeals/" + id + "/reject").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + ",\"note\":\"" + "驳".repeat(2001) + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("note"));
		String reason = "不属于本村受理范围，".repeat(200);
		assertThat(reason).hasSize(2000);
		mvc.perform(post("/api/v1/appeals/" + id + "/reject").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + ",\"note\":\"" + reason + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("REJECTED"))
			.andExpect(jsonPath("$.rejectionReason").value(reason));
		assertThat(jdbc.sql("SELECT rejection_reason FROM appeals_appeal WHERE id = :id").param("id", id).query(String.class).single())
			.isEqualTo(reason);
		assertThat(jdbc.sql("SELECT note FROM appeals_event WHERE appeal_id = :id AND action = 'REJECT'").param("id", id).query(String.class)
			.single()).isEqualTo(reason);
	}

}
