package org.grassroots.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The trail reads in the reader's language and local time: names, not codes or logins. */
class AuditReadingIntegrationTests extends IntegrationTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void an_appeal_step_reads_as_words_with_the_person_by_name_and_local_time() throws Exception {
		clock.travelTo(Instant.parse("2026-03-03T01:15:00Z"));
		JsonNode appeal = json.readTree(mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"APPEAL_POINT\",\"categoryCode\":\"OTHER\",\"description\":\"村口路灯坏了三盏，晚上看不见路\","
					+ "\"regionCode\":\"" + GAOMIAO + "\",\"reporterName\":\"王大爷\",\"phone\":\"13812345678\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		long id = appeal.get("id").asLong();
		mvc.perform(post("/api/v1/appeals/" + id + "/accept").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + appeal.get("version").asInt() + "}"))
			.andExpect(status().isOk());
		long entry = count("SELECT MAX(id) FROM audit_entry WHERE entity_type = 'appeal' AND entity_id = ? AND action = 'UPDATE'",
				String.valueOf(id));
		String stored = jdbc.sql("SELECT summary FROM audit_entry WHERE id = ?").param(entry).query(String.class).single();
		Instant at = jdbc.sql("SELECT occurred_at FROM audit_entry WHERE id = ?").param(entry)
			.query(java.time.OffsetDateTime.class).single().toInstant();
		String local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.ofHours(8)).format(at);
		String utc = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(at);
		String cadre = jdbc.sql("SELECT display_name FROM access_account WHERE username = 'gaomiao.cadre'").query(String.class).single();
		String tracking = appeal.get("trackingCode").asText();

		String zh = mvc.perform(get("/audit").param("entityType", "appeal").param("entityId", String.valueOf(id))
			.with(as("supervisor")).locale(Locale.SIMPLIFIED_CHINESE)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(zh).contains("签收 " + tracking).contains(cadre + "（村（社区）干部）").contains("诉求 " + id)
			.contains("状态：").contains(local).doesNotContain(utc).doesNotContain(">ACCEPT ").doesNotContain(">gaomiao.cadre<");
		assertThat(stored).doesNotContain("签收");

		String en = mvc.perform(get("/audit/" + entry).with(as("supervisor")).locale(Locale.ENGLISH)
			.header("Accept-Language", "en")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(en).contains("Appeal " + id).contains(local).contains("Status");
	}

	@Test
	void older_english_phrases_and_the_system_read_in_the_readers_language() throws Exception {
		String zh = mvc.perform(get("/audit").param("entityType", "account").param("action", "CREATE")
			.with(as("supervisor")).locale(Locale.SIMPLIFIED_CHINESE)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(zh).contains("开通账号").doesNotContain("account provisioned").contains("系统（自动）").contains("账号 ");
	}

}
