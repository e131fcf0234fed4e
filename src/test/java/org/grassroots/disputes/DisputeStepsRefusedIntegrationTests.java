package org.grassroots.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.calendar.WorkingCalendar;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * A step a case's status does not allow answers 409 (a problem detail over the API, the reason on the case page),
 * and input longer than its column is refused by its field instead of being cut or failing in the database.
 */
class DisputeStepsRefusedIntegrationTests extends IntegrationTestSupport {

	private static final String AGREEMENT = "柴草三日内移走，界墙两侧各留一米通道。";

	private long register() throws Exception {
		String body = mvc.perform(post("/api/v1/disputes").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"type\":\"NEIGHBOUR\",\"summary\":\"两户因排水沟走向发生争执\",\"regionCode\":\"" + GAOMIAO
					+ "\",\"parties\":[{\"name\":\"王大山\"},{\"name\":\"李小河\"}]}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return Long.parseLong(body.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1"));
	}

	private int version(long id) {
		return jdbc.sql("SELECT version FROM disputes_case WHERE id = :id").param("id", id).query(Integer.class).single();
	}

	private long settled() throws Exception {
		long id = register();
		mvc.perform(post("/api/v1/disputes/" + id + "/close").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"outcome\":\"SETTLED\",\"agreementText\":\"" + AGREEMENT + "\",\"version\":" + version(id) + "}"))
			.andExpect(status().isOk());
		return id;
	}

	private long audits(long id) {
		return count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'dispute' AND entity_id = ?", String.valueOf(id));
	}

	@Test
	void closing_a_settled_case_over_the_api_is_a_409_problem_naming_the_step_and_the_state_in_the_callers_language() throws Exception {
		long id = settled();
		int version = version(id);
		long audited = audits(id);
		String close = "{\"outcome\":\"NOT_SETTLED\",\"note\":\"一方反悔\",\"version\":" + version + "}";
		mvc.perform(post("/api/v1/disputes/" + id + "/close").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content(close))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://grassroots.example/problems/step-not-allowed"))
			.andExpect(jsonPath("$.status").value(409))
			.andExpect(jsonPath("$.title").value("此操作现在不能进行"))
			.andExpect(jsonPath("$.detail").value("当前状态为“调解成功”，不能结案；请刷新后查看最新情况"))
			.andExpect(jsonPath("$.step").value("dispute.step.close"))
			.andExpect(jsonPath("$.state").value("SETTLED"))
			.andExpect(jsonPath("$.kind").value("dispute"))
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.errors").doesNotExist());
		mvc.perform(post("/api/v1/disputes/" + id + "/close").with(csrf()).with(as("gaomiao.cadre")).header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON).content(close))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.title").value("Not possible now"))
			.andExpect(jsonPath("$.detail").value("Cannot close the case while it is “Settled”; reload to see where it stands"))
			.andExpect(jsonPath("$.step").value("dispute.step.close"));
		// nothing changed and nothing was written to the trail
		assertThat(version(id)).isEqualTo(version);
		assertThat(jdbc.sql("SELECT status FROM disputes_case WHERE id = :id").param("id", id).query(String.class).single()).isEqualTo("SETTLED");
		assertThat(audits(id)).isEqualTo(audited);
	}

	@Test
	void a_session_or_a_mediator_on_a_closed_case_and_a_follow_up_of_an_open_one_are_refused_as_409() throws Exception {
		long closed = settled();
		mvc.perform(post("/api/v1/disputes/" + closed + "/sessions").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"heldOn\":\"" + LocalDate.now(WorkingCalendar.ZONE) + "\",\"kind\":\"HOME_VISIT\",\"minutes\":\"再次上门\",\"version\":"
					+ version(closed) + "}"))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.step").value("dispute.step.session"))
			.andExpect(jsonPath("$.state").value("SETTLED"));
		mvc.perform(post("/api/v1/disputes/" + closed + "/mediators").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"gaomiao.cadre\",\"version\":" + version(closed) + "}"))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.step").value("dispute.step.mediator"));
		assertThat(count("SELECT COUNT(*) FROM disputes_mediator WHERE case_id = ?", closed)).isZero();
		long open = register();
		mvc.perform(post("/api/v1/disputes/" + open + "/follow-up").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"holds\":true,\"version\":" + version(open) + "}"))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.step").value("dispute.step.followUp"))
			.andExpect(jsonPath("$.state").value("OPEN"))
			.andExpect(jsonPath("$.detail").value("当前状态为“待调解”，不能记录回访；请刷新后查看最新情况"));
	}

	@Test
	void closing_a_settled_case_from_its_page_answers_409_with_the_reason_on_the_case_page() throws Exception {
		long id = settled();
		String caseNumber = jdbc.sql("SELECT case_number FROM disputes_case WHERE id = :id").param("id", id).query(String.class).single();
		mvc.perform(post("/disputes/" + id + "/close").with(csrf()).with(as("gaomiao.cadre")).param("version", String.valueOf(version(id)))
			.param("outcome", "NOT_SETTLED").param("note", "一方反悔"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"step-error\""),
					Matchers.containsString("当前状态为“调解成功”，不能结案；请刷新后查看最新情况"), Matchers.containsString(caseNumber))));
		mvc.perform(post("/disputes/" + id + "/close").with(csrf()).with(as("gaomiao.cadre")).header("Accept-Language", "en")
			.param("version", String.valueOf(version(id))).param("outcome", "NOT_SETTLED").param("note", "one side went back on it"))
			.andExpect(status().isConflict())
			.andExpect(content().string(Matchers.containsString("Cannot close the case while it is “Settled”")));
		// a version someone else moved on is a 409 on the case page too
		mvc.perform(post("/disputes/" + id + "/follow-up").with(csrf()).with(as("gaomiao.cadre")).param("version", String.valueOf(version(id) - 1))
			.param("holds", "true"))
			.andExpect(status().isConflict())
			.andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"step-error\""),
					Matchers.containsString("该记录已被他人修改，请刷新后重试"))));
		// and a step it allows still goes through
		mvc.perform(post("/disputes/" + id + "/follow-up").with(csrf()).with(as("gaomiao.cadre")).param("version", String.valueOf(version(id)))
			.param("holds", "true"))
			.andExpect(status().is3xxRedirection());
	}

	@Test
	void text_longer_than_its_column_is_refused_by_its_field_over_the_api_and_on_the_page() throws Exception {
		long id = register();
		int version = version(id);
		String today = LocalDate.now(WorkingCalendar.ZONE).toString();
		mvc.perform(post("/api/v1/disputes/" + id + "/sessions").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"heldOn\":\"" + today + "\",\"kind\":\"HOME_VISIT\",\"minutes\":\"" + "记".repeat(4001) + "\",\"version\":" + version + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("minutes"))
			.andExpect(jsonPath("$.errors[0].message").value("请填写调解记录（不超过 4000 字）"));
		// the place of a session and the note of an outcome were cut to their columns before; now they are refused
		mvc.perform(post("/api/v1/disputes/" + id + "/sessions").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"heldOn\":\"" + today + "\",\"kind\":\"HOME_VISIT\",\"place\":\"" + "院".repeat(201) + "\",\"minutes\":\"上门\",\"version\":"
					+ version + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("place"))
			.andExpect(jsonPath("$.errors[0].message").value("内容过长（最多 200 字）"));
		mvc.perform(post("/api/v1/disputes/" + id + "/close").with(csrf()).with(as("gaomiao.cadre")).header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"outcome\":\"NOT_SETTLED\",\"note\":\"" + "x".repeat(2001) + "\",\"version\":" + version + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("note"))
			.andExpect(jsonPath("$.errors[0].message").value("Too long (at most 2000 characters)"));
		mvc.perform(post("/api/v1/disputes").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"type\":\"NEIGHBOUR\",\"summary\":\"当事人名字过长的纠纷\",\"regionCode\":\"" + GAOMIAO + "\",\"committee\":\""
					+ "委".repeat(101) + "\",\"parties\":[{\"name\":\"甲\"},{\"name\":\"" + "乙".repeat(65) + "\"}]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("committee", "parties[1].name")));
		// a step form on the case page names the field and answers 400; the case is unchanged
		mvc.perform(post("/disputes/" + id + "/sessions").with(csrf()).with(as("gaomiao.cadre")).param("version", String.valueOf(version))
			.param("heldOn", today).param("kind", "HOME_VISIT").param("minutes", "上门").param("attendees", "人".repeat(1001)))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"step-error\""),
					Matchers.containsString("参加人员：内容过长（最多 1000 字）"))));
		mvc.perform(post("/disputes/" + id + "/sessions").with(csrf()).with(as("gaomiao.cadre")).param("version", String.valueOf(version))
			.param("heldOn", "上周三").param("kind", "HOME_VISIT").param("minutes", "上门"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(Matchers.containsString("日期：格式不正确")));
		assertThat(version(id)).isEqualTo(version);
		assertThat(count("SELECT COUNT(*) FROM disputes_session WHERE case_id = ?", id)).isZero();
		// the registration page names the row of a party whose name is too long
		mvc.perform(post("/disputes").with(csrf()).with(as("gaomiao.cadre")).param("type", "NEIGHBOUR").param("regionCode", GAOMIAO)
			.param("summary", "页面登记名字过长").param("parties[0].name", "甲").param("parties[1].name", "乙".repeat(65)))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(Matchers.allOf(Matchers.containsString("第 2 位当事人：内容过长（最多 64 字）"),
					Matchers.containsString("页面登记名字过长"))));
	}

}
