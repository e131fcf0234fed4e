package org.grassroots.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.grassroots.IntegrationTestSupport;
import org.grassroots.privacy.IdNumber;
import org.grassroots.registry.internal.RegistryImport;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry import as a job: the workbook is checked whole first (a bad row stores nothing and starts no job), then
 * taken in 500 rows a transaction; the job says what it did (households created, residents created and updated), its
 * page shows a progress bar until it ends, a file sent again after an interruption creates nobody twice, and the job
 * is its owner's and its scope's only.
 */
class RegistryImportJobIntegrationTests extends IntegrationTestSupport {

	/** Two people a household: 1,100 rows are 550 households and three batches. */
	private static final int ROWS = 1_100;

	/** Each run's own serial in its ID numbers (the birth dates are the rows'), so that no two runs share a number. */
	private static final java.util.concurrent.atomic.AtomicInteger SERIAL = new java.util.concurrent.atomic.AtomicInteger(
			ThreadLocalRandom.current().nextInt(900));

	private final JsonMapper json = JsonMapper.builder().build();

	/** A run's own rows: addresses and names marked with {@code tag}, ID numbers of an area no other test uses. */
	private record Rows(String tag, List<String[]> rows) {

		static Rows of(int count) {
			String tag = "批量" + Long.toString(System.nanoTime() % 1_000_000, 36);
			int serial = SERIAL.getAndIncrement() % 1000;
			LocalDate born = LocalDate.of(1960, 1, 1);
			List<String[]> rows = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String first17 = "110108" + born.plusDays(i).format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", serial);
				String id = first17 + IdNumber.checkCharacter(first17);
				boolean head = i % 2 == 0;
				rows.add(new String[] {GAOMIAO_GRID1, tag + "巷" + (i / 2) + "号", "", tag + "居民" + i, id, "", head ? "户主" : "子女", "",
						"", ""});
			}
			return new Rows(tag, rows);
		}

		Rows first(int count) {
			return new Rows(tag, rows.subList(0, count));
		}

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

	private JsonNode job(long id, String user) throws Exception {
		return json.readTree(mvc.perform(get("/api/v1/jobs/" + id).with(as(user))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString());
	}

	/** The job once it ended, read by its owner (no time is asserted: the cap only keeps a hung job from hanging the suite). */
	private JsonNode ended(long id) throws Exception {
		long cap = System.nanoTime() + 300_000_000_000L;
		JsonNode state = job(id, "gaomiao.cadre");
		while (state.get("status").asText().equals("RUNNING") && System.nanoTime() < cap) {
			Thread.sleep(50);
			state = job(id, "gaomiao.cadre");
		}
		return state;
	}

	/** Through the API: 200 with the counts when done within the wait, else 202 with the job to follow. */
	private JsonNode importedByApi(byte[] file, int rows) throws Exception {
		MockHttpServletResponse response = mvc.perform(multipart("/api/v1/registry/import")
			.file(new MockMultipartFile("file", "residents.xlsx", null, file)).with(csrf()).with(as("gaomiao.cadre")))
			.andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isIn(200, 202);
		JsonNode body = json.readTree(response.getContentAsString());
		assertThat(body.get("rows").asInt()).isEqualTo(rows);
		if (response.getStatus() == 202) {
			assertThat(response.getHeader("Location")).isEqualTo("/api/v1/jobs/" + body.get("job").asLong());
			assertThat(body.get("status").asText()).isEqualTo("RUNNING");
			return ended(body.get("job").asLong());
		}
		assertThat(body.get("status").asText()).isEqualTo("DONE");
		return body;
	}

	private long residents(String tag) {
		return count("SELECT COUNT(*) FROM registry_resident WHERE name LIKE ?", tag + "居民%");
	}

	private long households(String tag) {
		return count("SELECT COUNT(*) FROM registry_household WHERE address LIKE ?", tag + "巷%");
	}

	private long registryJobs() {
		return count("SELECT COUNT(*) FROM shell_job WHERE kind = 'registry_import'");
	}

	@Test
	void a_workbook_goes_in_as_a_job_and_sent_again_after_an_interruption_creates_nobody_twice() throws Exception {
		Rows all = Rows.of(ROWS);
		// an interrupted run: the first batch and one row of the second were in (a household's head without its child)
		Rows interrupted = all.first(501);
		String location = mvc.perform(multipart("/registry/import")
			.file(new MockMultipartFile("file", "residents.xlsx", null, workbook(interrupted.rows()))).with(csrf())
			.with(as("gaomiao.cadre")))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		assertThat(location).matches("/registry/import/jobs/\\d+");
		long first = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		JsonNode done = ended(first);
		assertThat(done.get("status").asText()).isEqualTo("DONE");
		assertThat(done.get("kind").asText()).isEqualTo(RegistryImport.JOB_KIND);
		assertThat(done.get("total").asInt()).isEqualTo(501);
		assertThat(done.get("done").asInt()).isEqualTo(501);
		assertThat(done.get("percent").asInt()).isEqualTo(100);
		assertThat(done.get("householdsCreated").asInt()).isEqualTo(251);
		assertThat(done.get("residentsCreated").asInt()).isEqualTo(501);
		assertThat(done.get("residentsUpdated").asInt()).isZero();
		assertThat(households(all.tag())).isEqualTo(251);
		assertThat(residents(all.tag())).isEqualTo(501);
		// every resident and household has its audit entry, and the file its summary
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'resident' AND action = 'CREATE' AND summary LIKE ?",
				all.tag() + "居民%")).isEqualTo(501);
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'registry_import' AND action = 'IMPORT' "
				+ "AND summary = 'rows 501, households created 251, residents created 501, updated 0'")).isPositive();

		// its page says what it did, in either language, and asks no more
		String page = mvc.perform(get(location).with(as("gaomiao.cadre"))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("已导入 501 行：新建 251 户，新增居民 501 人，更新 0 人。").contains("progress-bar")
			.contains("aria-valuenow=\"100\"").doesNotContain("hx-get");
		assertThat(mvc.perform(get(location).param("lang", "en").with(as("gaomiao.cadre"))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString()).contains("Imported 501 rows: 251 households created, 501 residents added, 0 updated.");

		// the whole file again (as after an interruption), through the API: what is in is used or updated, never added twice
		JsonNode resumed = importedByApi(workbook(all.rows()), ROWS);
		assertThat(resumed.get("job").asLong()).isNotEqualTo(first);
		assertThat(resumed.get("householdsCreated").asInt()).isEqualTo(ROWS / 2 - 251);
		assertThat(resumed.get("residentsCreated").asInt()).isEqualTo(ROWS - 501);
		assertThat(resumed.get("residentsUpdated").asInt()).isEqualTo(501);
		assertThat(resumed.get("created").asInt()).isEqualTo(ROWS - 501);
		assertThat(households(all.tag())).isEqualTo(ROWS / 2);
		assertThat(residents(all.tag())).isEqualTo(ROWS);
		// each household of the file has its head, and both its people (the child that came after an interruption too)
		assertThat(count("SELECT COUNT(*) FROM registry_household h WHERE h.address LIKE ? AND h.head_resident_id IS NOT NULL "
				+ "AND (SELECT COUNT(*) FROM registry_resident r WHERE r.household_id = h.id) = 2", all.tag() + "巷%")).isEqualTo(ROWS / 2);

		// and once more: all in, nothing created
		JsonNode again = importedByApi(workbook(all.rows()), ROWS);
		assertThat(again.get("householdsCreated").asInt()).isZero();
		assertThat(again.get("residentsCreated").asInt()).isZero();
		assertThat(again.get("residentsUpdated").asInt()).isEqualTo(ROWS);
		assertThat(households(all.tag())).isEqualTo(ROWS / 2);
		assertThat(residents(all.tag())).isEqualTo(ROWS);

		// the job is its owner's and their township's; another village's, another township's, a grid worker's: 404
		job(first, "qinghe.leader");
		for (String stranger : List.of("xishang.cadre", "gaomiao.grid1")) {
			mvc.perform(get("/api/v1/jobs/" + first).with(as(stranger))).andExpect(status().isNotFound());
		}
		mvc.perform(get(location).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get(location).param("fragment", "true").with(as("xishang.cadre"))).andExpect(status().isNotFound());
		// a registry job is not a 12345 one
		mvc.perform(get("/appeals/hotline/jobs/" + first).with(as("qinghe.staff"))).andExpect(status().isNotFound());
	}

	@Test
	void a_workbook_with_one_bad_row_stores_nothing_and_starts_no_job() throws Exception {
		Rows all = Rows.of(ROWS);
		List<String[]> rows = new ArrayList<>(all.rows());
		String[] bad = rows.get(900).clone();
		bad[4] = "11010819600101";
		rows.set(900, bad);
		long jobs = registryJobs();
		MockHttpServletResponse response = mvc.perform(multipart("/api/v1/registry/import")
			.file(new MockMultipartFile("file", "residents.xlsx", null, workbook(rows))).with(csrf()).with(as("gaomiao.cadre")))
			.andExpect(status().is(422)).andReturn().getResponse();
		assertThat(response.getContentType()).startsWith("application/vnd.openxmlformats");
		assertThat(residents(all.tag())).isZero();
		assertThat(households(all.tag())).isZero();
		assertThat(registryJobs()).isEqualTo(jobs);
		// the page too: the rows' errors, no job
		String page = mvc.perform(multipart("/registry/import").file(new MockMultipartFile("file", "residents.xlsx", null, workbook(rows)))
			.with(csrf()).with(as("gaomiao.cadre"))).andExpect(status().is(422)).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("import-result").doesNotContain("import-job");
		assertThat(residents(all.tag())).isZero();
		assertThat(registryJobs()).isEqualTo(jobs);
	}

	@Test
	void a_second_head_for_a_household_already_in_is_a_row_error_found_before_anything_is_stored() throws Exception {
		Rows all = Rows.of(5);
		assertThat(importedByApi(workbook(all.first(2).rows()), 2).get("householdsCreated").asInt()).isOne();
		// the next household's two rows are good; the fifth names someone else 户主 of the first household
		String[] usurper = all.rows().get(4).clone();
		usurper[1] = all.rows().get(0)[1];
		List<String[]> rows = List.of(all.rows().get(2), all.rows().get(3), usurper);
		long jobs = registryJobs();
		String page = mvc.perform(multipart("/registry/import").file(new MockMultipartFile("file", "residents.xlsx", null, workbook(rows)))
			.with(csrf()).with(as("gaomiao.cadre"))).andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("该户已有户主（" + all.tag() + "居民0）");
		assertThat(residents(all.tag())).isEqualTo(2);
		assertThat(households(all.tag())).isOne();
		assertThat(registryJobs()).isEqualTo(jobs);
	}

	@Test
	void a_running_job_s_page_is_a_progress_bar_that_asks_again_until_it_ends() throws Exception {
		long owner = jdbc.sql("SELECT id FROM access_account WHERE username = 'gaomiao.cadre'").query(Long.class).single();
		String path = jdbc.sql("SELECT path FROM registry_region WHERE code = ?").param(GAOMIAO).query(String.class).single();
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		long running = insertJob("registry_import", owner, path, now);
		long stale = insertJob("registry_import", owner, path, now.minusMinutes(10));

		String page = mvc.perform(get("/registry/import/jobs/" + running).with(as("gaomiao.cadre"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("<html").contains("id=\"import-job\"").contains("hx-get=\"/registry/import/jobs/" + running + "?fragment=true\"")
			.contains("hx-trigger=\"every 1s\"").contains("aria-valuenow=\"45\"").contains("width: 45%")
			.contains("正在导入：已处理 500 / 1,100 行");
		String fragment = mvc.perform(get("/registry/import/jobs/" + running).param("fragment", "true").with(as("gaomiao.cadre")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(fragment).doesNotContain("<html").doesNotContain("type=\"file\"").contains("id=\"import-job\"")
			.contains("hx-get").contains("已处理 500 / 1,100 行");
		assertThat(mvc.perform(get("/registry/import/jobs/" + running).param("fragment", "true").param("lang", "en")
			.with(as("gaomiao.cadre"))).andReturn().getResponse().getContentAsString()).contains("Importing: 500 of 1,100 rows done");

		// a job whose node stopped: it says so, and how to go on; it no longer asks
		String stopped = mvc.perform(get("/registry/import/jobs/" + stale).with(as("gaomiao.cadre"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(stopped).contains("导入中断：已处理 500 / 1,100 行").contains("bg-danger").doesNotContain("hx-get");
		assertThat(job(stale, "gaomiao.cadre").get("status").asText()).isEqualTo("INTERRUPTED");
		assertThat(job(running, "gaomiao.cadre").get("householdsCreated").asInt()).isEqualTo(200);

		// the 12345 page keeps its own words on the same bar
		long hotline = insertJob("hotline_12345", owner, path, now);
		assertThat(mvc.perform(get("/appeals/hotline/jobs/" + hotline).param("fragment", "true").with(as("gaomiao.cadre")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).contains("id=\"hotline-job\"")
			.contains("已处理 500 / 1,100 张工单").contains("hx-get=\"/appeals/hotline/jobs/" + hotline + "?fragment=true\"");
		mvc.perform(get("/registry/import/jobs/" + hotline).with(as("gaomiao.cadre"))).andExpect(status().isNotFound());
	}

	/** A job of 高庙村's halfway through, last heard of at {@code heartbeat}. */
	private long insertJob(String kind, long owner, String path, OffsetDateTime heartbeat) {
		jdbc.sql("""
				INSERT INTO shell_job (kind, owner_id, owner_name, region_path, status, total, done, created, skipped, counts, created_at,
				    heartbeat_at)
				VALUES (?, ?, '高庙村', ?, 'RUNNING', 1100, 500, 400, 100,
				    'householdsCreated=200;residentsCreated=400;residentsUpdated=100', ?, ?)""")
			.params(kind, owner, path, heartbeat, heartbeat).update();
		return jdbc.sql("SELECT MAX(id) FROM shell_job WHERE kind = ? AND owner_id = ?").params(kind, owner).query(Long.class).single();
	}

}
