package org.grassroots.petitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
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
 * A step an item's status does not allow answers 409 (a problem detail over the API, the reason on the petition
 * page), and a note longer than its column is refused by its field instead of failing in the database.
 */
class PetitionStepsRefusedIntegrationTests extends IntegrationTestSupport {

	private long register() throws Exception {
		String body = mvc.perform(post("/api/v1/petitions").with(csrf()).with(as("qinghe.staff")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"form\":\"VISIT\",\"receivedOn\":\"" + LocalDate.now(WorkingCalendar.ZONE) + "\",\"headcount\":1,"
					+ "\"matter\":\"反映村道硬化后排水不畅\",\"category\":\"CONSTRUCTION\",\"regionCode\":\"" + GAOMIAO
					+ "\",\"levelReached\":\"TOWNSHIP\",\"ownerUsername\":\"qinghe.leader\",\"petitioners\":[{\"name\":\"信访人丙\"}],"
					+ "\"items\":[\"疏通排水沟\",\"公开施工验收情况\"]}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return Long.parseLong(body.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1"));
	}

	private int version(long id) {
		return jdbc.sql("SELECT version FROM petitions_petition WHERE id = :id").param("id", id).query(Integer.class).single();
	}

	private void send(String as, String path, String json, int expected) throws Exception {
		mvc.perform(post(path).with(csrf()).with(as(as)).contentType(MediaType.APPLICATION_JSON).content(json))
			.andExpect(status().is(expected));
	}

	/** A petition whose first item is closed out. */
	private long closedOutFirstItem() throws Exception {
		long id = register();
		send("qinghe.staff", "/api/v1/petitions/" + id + "/items/request", "{\"item\":1,\"evidence\":\"排水沟已疏通，附现场照片\",\"version\":" + version(id) + "}", 200);
		send("qinghe.leader", "/api/v1/petitions/" + id + "/items/approve", "{\"item\":1,\"version\":" + version(id) + "}", 200);
		return id;
	}

	@Test
	void requesting_the_close_out_of_an_item_already_closed_out_is_a_409_problem_naming_the_step_and_the_state() throws Exception {
		long id = closedOutFirstItem();
		int version = version(id);
		String again = "{\"item\":1,\"evidence\":\"再次申请销号的佐证\",\"version\":" + version + "}";
		mvc.perform(post("/api/v1/petitions/" + id + "/items/request").with(csrf()).with(as("qinghe.staff"))
			.contentType(MediaType.APPLICATION_JSON).content(again))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://grassroots.example/problems/step-not-allowed"))
			.andExpect(jsonPath("$.status").value(409))
			.andExpect(jsonPath("$.step").value("petition.step.request"))
			.andExpect(jsonPath("$.state").value("CLOSED"))
			.andExpect(jsonPath("$.kind").value("petition"))
			.andExpect(jsonPath("$.detail").value("当前状态为“已销号”，不能申请销号；请刷新后查看最新情况"));
		mvc.perform(post("/api/v1/petitions/" + id + "/items/request").with(csrf()).with(as("qinghe.staff")).header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON).content(again))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("Cannot request the close-out while it is “Closed out”; reload to see where it stands"));
		// approving or sending back an item nobody asked to close out, reopening an open one: the same answer
		mvc.perform(post("/api/v1/petitions/" + id + "/items/approve").with(csrf()).with(as("qinghe.leader"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"item\":2,\"version\":" + version + "}"))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.step").value("petition.step.approve"))
			.andExpect(jsonPath("$.state").value("OPEN"));
		mvc.perform(post("/api/v1/petitions/" + id + "/items/reopen").with(csrf()).with(as("qinghe.staff"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"item\":2,\"note\":\"事项反复\",\"version\":" + version + "}"))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.step").value("petition.step.reopen"));
		assertThat(version(id)).isEqualTo(version);
	}

	@Test
	void the_same_step_from_the_petition_page_answers_409_with_the_reason_on_the_page() throws Exception {
		long id = closedOutFirstItem();
		String caseNumber = jdbc.sql("SELECT case_number FROM petitions_petition WHERE id = :id").param("id", id).query(String.class).single();
		mvc.perform(post("/petitions/" + id + "/request").with(csrf()).with(as("qinghe.staff")).param("version", String.valueOf(version(id)))
			.param("item", "1").param("evidence", "再次申请销号的佐证"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"step-error\""),
					Matchers.containsString("当前状态为“已销号”，不能申请销号；请刷新后查看最新情况"), Matchers.containsString(caseNumber))));
		// a step on an item that is not there stays input to correct
		mvc.perform(post("/petitions/" + id + "/request").with(csrf()).with(as("qinghe.staff")).param("version", String.valueOf(version(id)))
			.param("item", "9").param("evidence", "不存在的事项的佐证"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(Matchers.containsString("没有这个事项")));
	}

	@Test
	void a_note_longer_than_its_column_is_refused_by_its_field_over_the_api_and_on_the_page() throws Exception {
		long id = closedOutFirstItem();
		int version = version(id);
		// the note of a reopened item is kept in a 1000-character column; a longer one failed in the database before
		mvc.perform(post("/api/v1/petitions/" + id + "/items/reopen").with(csrf()).with(as("qinghe.staff"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"item\":1,\"note\":\"" + "反".repeat(1001) + "\",\"version\":" + version + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("note"))
			.andExpect(jsonPath("$.errors[0].message").value("内容过长（最多 1000 字）"));
		mvc.perform(post("/api/v1/petitions/" + id + "/items/request").with(csrf()).with(as("qinghe.staff")).header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON).content("{\"item\":2,\"evidence\":\"" + "e".repeat(2001) + "\",\"version\":" + version + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("evidence"))
			.andExpect(jsonPath("$.errors[0].message").value("Give the result and evidence (5 to 2000 characters)"));
		mvc.perform(post("/petitions/" + id + "/reopen").with(csrf()).with(as("qinghe.staff")).param("version", String.valueOf(version))
			.param("item", "1").param("note", "反".repeat(1001)))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(Matchers.allOf(Matchers.containsString("id=\"step-error\""),
					Matchers.containsString("说明：内容过长（最多 1000 字）"))));
		assertThat(version(id)).isEqualTo(version);
		// a note that fits is kept whole
		String note = "反".repeat(1000);
		send("qinghe.staff", "/api/v1/petitions/" + id + "/items/reopen", "{\"item\":1,\"note\":\"" + note + "\",\"version\":" + version + "}", 200);
		assertThat(jdbc.sql("SELECT note FROM petitions_item WHERE petition_id = :id AND item_key = 0").param("id", id).query(String.class)
			.single()).isEqualTo(note);
	}

}
