package org.grassroots.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.grassroots.IntegrationTestSupport;
import org.grassroots.registry.internal.IdNumberMasks;
import org.grassroots.registry.internal.RegistryImport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;

/**
 * Whether an ID number is registered is not an oracle (issue 18, item 2): a masked number shows no birth date and
 * the pages and API show the birth year and age only; a taken number is named only within one's own scope, every such
 * answer is audited and limited per person (429), and an import touching residents elsewhere is refused whole.
 */
class ResidentIdOracleIntegrationTests extends IntegrationTestSupport {

	private static final String REFUSED = "该身份证号不能在此登记，请核对号码；如有疑问，请联系县级管理员";

	@Autowired
	IdNumberMasks masks;

	private String body(long household, String name, String id) {
		return "{\"householdId\":" + household + ",\"name\":\"" + name + "\",\"idNumber\":\"" + id
				+ "\",\"relation\":\"CHILD\",\"politicalStatus\":\"MASSES\"}";
	}

	private org.springframework.test.web.servlet.ResultActions register(String user, long household, String name, String id)
			throws Exception {
		return mvc.perform(post("/api/v1/residents").with(csrf()).with(as(user)).contentType(MediaType.APPLICATION_JSON)
			.content(body(household, name, id)));
	}

	private long collisions(String actor) {
		return count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'resident_id_collision' AND actor = ?", actor);
	}

	@Test
	void a_number_taken_in_ones_own_scope_names_the_household_and_is_audited() throws Exception {
		long household = householdIdIn(GAOMIAO_GRID1);
		String address = jdbc.sql("SELECT address FROM registry_household WHERE id = ?").param(household).query(String.class).single();
		String id = freshIdNumber();
		register("gaomiao.cadre", household, "本村甲", id).andExpect(status().isCreated());
		long before = collisions("gaomiao.cadre");
		register("gaomiao.cadre", household, "本村乙", id).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("idNumber"))
			.andExpect(jsonPath("$.errors[0].message").value("该身份证号已登记在本辖区的户：" + address));
		assertThat(collisions("gaomiao.cadre")).isEqualTo(before + 1);
	}

	@Test
	void a_number_taken_elsewhere_gets_the_neutral_refusal_and_is_audited_where_the_resident_lives() throws Exception {
		String id = freshIdNumber();
		long xishang = householdIdIn(XISHANG);
		register("xishang.cadre", xishang, "邻村甲", id).andExpect(status().isCreated());
		long before = collisions("gaomiao.grid1");
		String answer = register("gaomiao.grid1", householdIdIn(GAOMIAO_GRID1), "试探者", id).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("idNumber"))
			.andExpect(jsonPath("$.errors[0].message").value(REFUSED))
			.andReturn().getResponse().getContentAsString();
		String xishangAddress = jdbc.sql("SELECT address FROM registry_household WHERE id = ?").param(xishang).query(String.class).single();
		assertThat(answer).doesNotContain(xishangAddress).doesNotContain("邻村甲").doesNotContain("已登记");
		assertThat(collisions("gaomiao.grid1")).isEqualTo(before + 1);
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'resident_id_collision' AND actor = 'gaomiao.grid1' "
				+ "AND region_path LIKE ?", "%/" + XISHANG + "/%")).isPositive();
		// the same neutral words a number refused on a race gets; English as well
		mvc.perform(post("/api/v1/residents").with(csrf()).with(as("gaomiao.grid1")).header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON).content(body(householdIdIn(GAOMIAO_GRID1), "试探者", id)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("This ID number cannot be registered here")));
	}

	@Test
	void after_five_taken_numbers_in_an_hour_the_next_is_answered_429_with_retry_after() throws Exception {
		// windows of its own: another day, ten minutes into an hour
		clock.travelTo(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofDays(41)).plusSeconds(600));
		long household = householdIdIn(XISHANG);
		String id = freshIdNumber();
		register("xishang.cadre", household, "限次甲", id).andExpect(status().isCreated());
		long before = collisions("xishang.cadre");
		for (int i = 0; i < 5; i++) {
			register("xishang.cadre", household, "限次乙", id).andExpect(status().isBadRequest());
		}
		register("xishang.cadre", household, "限次乙", id).andExpect(status().isTooManyRequests())
			.andExpect(header().exists("Retry-After"))
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/too-many-attempts")))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("每小时 5 次")));
		assertThat(collisions("xishang.cadre")).isEqualTo(before + 5);
		// a number nobody has is still registered: the limit is on taken numbers only
		register("xishang.cadre", household, "限次丙", freshIdNumber()).andExpect(status().isCreated());
		// the next hour allows five more
		clock.travel(Duration.ofHours(1));
		register("xishang.cadre", household, "限次乙", id).andExpect(status().isBadRequest());
	}

	@Test
	void the_same_number_sent_at_once_is_registered_once_and_the_rest_refused_as_input_never_500() throws Exception {
		clock.travelTo(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofDays(53)).plusSeconds(600));
		long household = householdIdIn(XISHANG);
		String id = freshIdNumber();
		var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			var start = new java.util.concurrent.CountDownLatch(1);
			List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
			for (int i = 0; i < 4; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return register("xishang.cadre", household, "同时登记", id).andReturn().getResponse().getStatus();
				}));
			}
			start.countDown();
			List<Integer> statuses = new java.util.ArrayList<>();
			for (var answer : answers) {
				statuses.add(answer.get());
			}
			assertThat(statuses).containsOnly(201, 400).containsOnlyOnce(201);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(count("SELECT COUNT(*) FROM registry_resident WHERE name = '同时登记'")).isOne();
	}

	@Test
	void the_api_and_the_pages_show_the_birth_year_and_age_and_a_mask_without_the_birth_date() throws Exception {
		long resident = residentIdIn(GAOMIAO_GRID1);
		LocalDate birth = jdbc.sql("SELECT birth_date FROM registry_resident WHERE id = ?").param(resident).query(LocalDate.class).single();
		String api = mvc.perform(get("/api/v1/residents/" + resident).with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.birthYear").value(birth.getYear()))
			.andExpect(jsonPath("$.age").isNumber())
			.andExpect(jsonPath("$.birthDate").doesNotExist())
			.andExpect(jsonPath("$.idNumber").value(org.hamcrest.Matchers.matchesPattern("^\\d{4}\\*{12}\\d[\\dX]$")))
			.andReturn().getResponse().getContentAsString();
		assertThat(api).doesNotContain(birth.toString());
		mvc.perform(get("/api/v1/residents").param("q", "").with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].birthYear").isNumber())
			.andExpect(jsonPath("$.content[0].birthDate").doesNotExist())
			.andExpect(jsonPath("$.content[0].idNumberMasked").value(org.hamcrest.Matchers.matchesPattern("^\\d{4}\\*{12}\\d[\\dX]$")));
		for (String page : List.of("/registry/residents/" + resident, "/registry/residents/" + resident + "/edit")) {
			String html = mvc.perform(get(page).with(as("gaomiao.cadre"))).andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString();
			assertThat(html).as(page).doesNotContain(birth.toString())
				.doesNotContain(birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
		}
		assertThat(mvc.perform(get("/registry/residents/" + resident).with(as("gaomiao.cadre"))).andReturn().getResponse()
			.getContentAsString()).contains("出生年份").contains(String.valueOf(birth.getYear()));
	}

	@Test
	void masks_stored_in_the_older_form_are_remasked_at_start_up() {
		long resident = residentIdIn(GAOMIAO_GRID1);
		String current = jdbc.sql("SELECT id_number_masked FROM registry_resident WHERE id = ?").param(resident).query(String.class).single();
		assertThat(current).matches("^\\d{4}\\*{12}\\d[\\dX]$");
		String older = current.substring(0, 4) + "*".repeat(10) + "12" + current.substring(16);
		jdbc.sql("UPDATE registry_resident SET id_number_masked = ? WHERE id = ?").param(older).param(resident).update();
		assertThat(masks.remask()).isGreaterThanOrEqualTo(1);
		assertThat(jdbc.sql("SELECT id_number_masked FROM registry_resident WHERE id = ?").param(resident).query(String.class).single())
			.isEqualTo(current);
		assertThat(masks.remask()).isZero();
	}

	@Test
	void an_import_with_a_number_registered_outside_ones_scope_is_refused_whole_without_naming_it() throws Exception {
		String elsewhere = freshIdNumber();
		register("xishang.cadre", householdIdIn(XISHANG), "邻村导入", elsewhere).andExpect(status().isCreated());
		String fresh = freshIdNumber();
		byte[] file = workbook(List.of(
				new String[] {GAOMIAO_GRID1, "越界导入1号", "常住", "导入户主甲", fresh, "", "户主", "", "", ""},
				new String[] {GAOMIAO_GRID1, "越界导入1号", "", "导入子女乙", elsewhere, "", "子女", "", "", ""}));
		long before = collisions("gaomiao.cadre");
		String answer = mvc.perform(multipart("/api/v1/registry/import").file(new MockMultipartFile("file", "x.xlsx", null, file))
			.with(csrf()).with(as("gaomiao.cadre")))
			.andExpect(status().is(422))
			.andExpect(jsonPath("$.code").value("registry.import.idsElsewhere"))
			.andReturn().getResponse().getContentAsString();
		assertThat(answer).doesNotContain("邻村导入").doesNotContain("导入子女乙").doesNotContain(elsewhere);
		assertThat(count("SELECT COUNT(*) FROM registry_resident WHERE name IN ('导入户主甲', '导入子女乙')")).isZero();
		assertThat(count("SELECT COUNT(*) FROM registry_resident WHERE name = '邻村导入' AND region_path LIKE ?", "%/" + XISHANG + "/%")).isOne();
		assertThat(collisions("gaomiao.cadre")).isEqualTo(before + 1);
	}

	private static byte[] workbook(List<String[]> rows) throws Exception {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet();
			Row header = sheet.createRow(0);
			for (int i = 0; i < RegistryImport.HEADERS.size(); i++) {
				header.createCell(i).setCellValue(RegistryImport.HEADERS.get(i));
			}
			for (int r = 0; r < rows.size(); r++) {
				Row row = sheet.createRow(r + 1);
				for (int c = 0; c < rows.get(r).length; c++) {
					row.createCell(c).setCellValue(rows.get(r)[c]);
				}
			}
			wb.write(out);
			return out.toByteArray();
		}
	}

}
