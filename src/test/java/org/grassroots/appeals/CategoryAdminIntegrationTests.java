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

import tools.jackson.databind.json.JsonMapper;

/** Admins set each category's level, unit and deadlines; new appeals follow them. */
class CategoryAdminIntegrationTests extends IntegrationTestSupport {

	@Autowired
	WorkingCalendar calendar;

	@Test
	void an_admin_adds_a_category_with_its_deadlines_and_new_appeals_follow_it() throws Exception {
		mvc.perform(get("/appeals/categories").with(as("qinghe.leader"))).andExpect(status().isForbidden());
		mvc.perform(post("/appeals/categories").with(csrf()).with(as("admin")).param("code", "URGENT_REPAIR").param("nameZh", "即办维修")
			.param("nameEn", "Urgent repair").param("defaultLevel", "VILLAGE").param("responseHours", "2").param("resolutionDays", "1")
			.param("active", "true")).andExpect(status().is3xxRedirection());
		mvc.perform(post("/appeals/categories").with(csrf()).with(as("admin")).param("code", "BAD").param("nameZh", "坏")
			.param("nameEn", "Bad").param("defaultLevel", "VILLAGE").param("responseHours", "0").param("resolutionDays", "400"))
			.andExpect(status().isBadRequest());
		var a = JsonMapper.builder().build().readTree(mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"PHONE\",\"categoryCode\":\"URGENT_REPAIR\",\"description\":\"水管爆裂需要马上修\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		Instant submitted = Instant.parse(a.get("submittedAt").asString());
		assertThat(Instant.parse(a.get("resolutionDue").asString())).isEqualTo(calendar.dueAfterWorkingDays(submitted, 1));
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'appeal_category' AND entity_id = 'URGENT_REPAIR'")).isOne();
		// switched off, it takes no new appeals
		mvc.perform(post("/appeals/categories").with(csrf()).with(as("admin")).param("code", "URGENT_REPAIR").param("nameZh", "即办维修")
			.param("nameEn", "Urgent repair").param("defaultLevel", "VILLAGE").param("responseHours", "2").param("resolutionDays", "1"))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"PHONE\",\"categoryCode\":\"URGENT_REPAIR\",\"description\":\"停用后的类别\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\"}"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void the_ledger_takes_the_period_of_the_dashboard() throws Exception {
		byte[] all = mvc.perform(get("/appeals/export").param("regionCode", GAOMIAO).with(as("gaomiao.cadre")))
			.andReturn().getResponse().getContentAsByteArray();
		byte[] oneDay = mvc.perform(get("/appeals/export").param("regionCode", GAOMIAO).param("from", "2026-11-02").param("to", "2026-11-02")
			.with(as("gaomiao.cadre"))).andReturn().getResponse().getContentAsByteArray();
		try (var a = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(all));
				var b = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(oneDay))) {
			int dayRows = b.getSheetAt(0).getLastRowNum();
			assertThat(a.getSheetAt(0).getLastRowNum()).isGreaterThan(dayRows);
			// a title row, then the header; the submission time is a real date cell
			assertThat(b.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).contains("高庙村", "2026-11-02");
			for (int r = 2; r <= dayRows; r++) {
				assertThat(new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(b.getSheetAt(0).getRow(r).getCell(7)))
					.startsWith("2026-11-02");
			}
		}
	}

}
