package org.grassroots.shell;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Requests a client got wrong are answered 4xx with a reason, never 500. */
class BadRequestsIntegrationTests extends IntegrationTestSupport {

	@Test
	void an_upload_sent_without_a_file_or_not_as_multipart_is_a_400() throws Exception {
		for (String path : new String[] { "/registry/import", "/appeals/hotline", "/api/v1/registry/import",
				"/api/v1/appeals/import-12345" }) {
			mvc.perform(post(path).with(csrf()).with(as("county.staff")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("file=x")).andExpect(status().is4xxClientError());
			mvc.perform(post(path).with(csrf()).with(as("county.staff")).contentType(MediaType.APPLICATION_JSON).content("{}"))
				.andExpect(status().is4xxClientError());
		}
	}

	@Test
	void the_12345_results_export_holds_an_order_entered_by_hand_without_a_ticket_number() throws Exception {
		mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"HOTLINE_12345\",\"categoryCode\":\"OTHER\",\"description\":\"12345 转来的电话，手工登记\","
					+ "\"regionCode\":\"" + GAOMIAO + "\",\"reporterName\":\"李女士\",\"phone\":\"13812345678\"}"))
			.andExpect(status().isCreated());
		String today = java.time.LocalDate.now(clock.withZone(org.grassroots.shell.CountyTime.ZONE)).toString();
		byte[] file = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/appeals/export-12345")
			.param("from", today).param("to", today).with(as("gaomiao.cadre")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		org.assertj.core.api.Assertions.assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1)).isNotEmpty();
		try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(file))) {
			boolean found = false;
			for (var row : book.getSheetAt(0)) {
				for (var cell : row) {
					found |= cell.toString().contains("手工登记");
				}
			}
			org.assertj.core.api.Assertions.assertThat(found).isTrue();
		}
	}

	@Test
	void open311_fields_past_their_columns_and_impossible_coordinates_are_a_400() throws Exception {
		String[][] bad = { { "address_string", "村".repeat(300) }, { "first_name", "名".repeat(100) }, { "last_name", "姓".repeat(100) },
				{ "lat", "1e308" } };
		for (String[] field : bad) {
			var request = post("/open311/v2/requests.json").param("api_key", "demo-open311-key").param("service_code", "ENVIRONMENT")
				.param("description", "河道里有人倾倒建筑垃圾，请尽快处理").param("attribute[region_code]", "62079910020101")
				.param(field[0], field[1]);
			if (field[0].equals("lat")) {
				request.param("long", "101.0");
			}
			mvc.perform(request).andExpect(status().isBadRequest());
		}
	}

}
