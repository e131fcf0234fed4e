package org.grassroots.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.audit.internal.AuditEntries;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The chain verifies, a tampered row is found, and the viewer is scoped. */
class AuditChainIntegrationTests extends IntegrationTestSupport {

	@Autowired
	AuditEntries entries;

	@Test
	void the_chain_verifies_and_a_tampered_row_is_reported_as_the_first_broken_link() throws Exception {
		mvc.perform(get("/api/v1/audit/verify").with(as("supervisor")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.intact").value(true));
		long target = count("SELECT MIN(id) FROM audit_entry WHERE entity_type = 'account'");
		String original = jdbc.sql("SELECT summary FROM audit_entry WHERE id = ?").param(target).query(String.class).single();
		try {
			ownerJdbc().sql("UPDATE audit_entry SET summary = 'nothing happened' WHERE id = ?").param(target).update();
			mvc.perform(get("/api/v1/audit/verify").with(as("supervisor")))
				.andExpect(jsonPath("$.intact").value(false))
				.andExpect(jsonPath("$.firstBrokenId").value(target))
				.andExpect(jsonPath("$.reason").value("content"));
		}
		finally {
			ownerJdbc().sql("UPDATE audit_entry SET summary = ? WHERE id = ?").param(original).param(target).update();
		}
		assertThat(entries.verify().intact()).isTrue();
	}

	@Test
	void the_viewer_needs_the_right_and_shows_only_the_scope() throws Exception {
		mvc.perform(get("/audit").with(as("gaomiao.cadre"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/audit/verify").with(as("gaomiao.grid1"))).andExpect(status().isForbidden());
		// a township leader reads its own part of the trail, but does not walk the county's chain (nor learn its size)
		mvc.perform(get("/api/v1/audit/verify").with(as("qinghe.leader"))).andExpect(status().isForbidden());
		String qinghe = mvc.perform(get("/api/v1/audit").param("size", "200").with(as("qinghe.leader")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(qinghe).contains("/620799100000/").doesNotContain("/620799200000/").doesNotContain("demo_county");
		long foreign = count("SELECT MIN(id) FROM audit_entry WHERE region_path LIKE '%/620799200000/%'");
		mvc.perform(get("/audit/" + foreign).with(as("qinghe.leader"))).andExpect(status().isNotFound());
		mvc.perform(get("/audit/" + foreign).with(as("supervisor"))).andExpect(status().isOk());
		byte[] ledger = mvc.perform(get("/audit/export").param("action", "CREATE").with(as("qinghe.leader")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(ledger))) {
			var sheet = workbook.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isPositive();
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				assertThat(sheet.getRow(r).getCell(4).getStringCellValue()).isEqualTo("新增");
			}
		}
	}

}
