package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.grassroots.IntegrationTestSupport;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.appeals.internal.AppealQueries;
import org.grassroots.registry.internal.RegistryQueries;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Ledgers are sent as their rows are read, a chunk at a time after the last row read: every row the list has, once,
 * in the list's order, with no cap; a ledger outside the caller's scope is refused before anything is sent.
 */
class LedgerExportIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private UserDetailsService accounts;

	@Autowired
	private AppealQueries appeals;

	@Autowired
	private RegistryQueries registry;

	private CurrentUser user(String name) {
		return ((CurrentUsers.HasCurrentUser) accounts.loadUserByUsername(name)).currentUser();
	}

	private static final AppealQueries.AppealFilter ALL = new AppealQueries.AppealFilter(null, null, null, null, null, null, null,
			null, null, null);

	@Test
	void the_appeals_ledger_read_in_small_chunks_is_the_ledger_read_at_once() {
		CurrentUser admin = user("admin");
		List<Long> whole = appeals.ledger(admin, ALL, null, 1_000_000).stream().map(AppealQueries.LedgerRow::id).toList();
		List<Long> chunked = new ArrayList<>();
		Ledger.Rows.inChunks(7, (AppealQueries.LedgerRow after) -> appeals.ledger(admin, ALL, after, 7))
			.each(row -> chunked.add(row.id()));
		assertThat(chunked).hasSize(whole.size()).isEqualTo(whole).doesNotHaveDuplicates();
		assertThat((long) whole.size()).isEqualTo(count("SELECT COUNT(*) FROM appeals_appeal"));
	}

	@Test
	void appeals_that_share_a_time_are_neither_lost_nor_repeated_at_a_chunks_edge() {
		// a 12345 file often has many orders called in the same minute
		List<Object[]> kept = jdbc.sql("SELECT id, submitted_at FROM appeals_appeal WHERE MOD(id, 5) = 0")
			.query((rs, i) -> new Object[] { rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class) }).list();
		jdbc.sql("UPDATE appeals_appeal SET submitted_at = (SELECT MIN(submitted_at) FROM appeals_appeal) WHERE MOD(id, 5) = 0").update();
		try {
			CurrentUser admin = user("admin");
			List<Long> whole = appeals.ledger(admin, ALL, null, 1_000_000).stream().map(AppealQueries.LedgerRow::id).toList();
			List<Long> chunked = new ArrayList<>();
			Ledger.Rows.inChunks(3, (AppealQueries.LedgerRow after) -> appeals.ledger(admin, ALL, after, 3)).each(row -> chunked.add(row.id()));
			assertThat(chunked).isEqualTo(whole);
		}
		finally {
			for (Object[] appeal : kept) {
				jdbc.sql("UPDATE appeals_appeal SET submitted_at = ? WHERE id = ?").param(appeal[1]).param(appeal[0]).update();
			}
		}
	}

	@Test
	void the_residents_ledger_has_every_resident_in_scope_once_by_place() throws Exception {
		CurrentUser cadre = user("gaomiao.cadre");
		List<Long> ids = new ArrayList<>();
		registry.residentLedger(cadre, new RegistryQueries.ResidentFilter(null, null, null, null, null, null)).each(r -> ids.add(r.id()));
		List<Long> expected = jdbc.sql("SELECT id FROM registry_resident WHERE region_path LIKE :p ORDER BY region_path, id")
			.param("p", cadre.scopePattern()).query(Long.class).list();
		assertThat(ids).isEqualTo(expected).isNotEmpty();

		// the county's ledger spans several chunks
		CurrentUser admin = user("admin");
		List<Long> county = new ArrayList<>();
		registry.residentLedger(admin, new RegistryQueries.ResidentFilter(null, null, null, null, null, null)).each(r -> county.add(r.id()));
		assertThat(county).doesNotHaveDuplicates().hasSize((int) count("SELECT COUNT(*) FROM registry_resident"));
		assertThat(county.size()).isGreaterThan(2_000);

		MockHttpServletResponse file = mvc.perform(get("/registry/residents/export").with(as("admin"))).andReturn().getResponse();
		assertThat(file.getStatus()).isEqualTo(200);
		assertThat(file.getContentType()).isEqualTo(Ledger.CONTENT_TYPE);
		assertThat(file.getHeader("Content-Disposition")).contains("residents.xlsx");
		try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.getContentAsByteArray()))) {
			assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo(county.size());
		}
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'EXPORT' AND summary = ?",
				"residents ledger: " + county.size() + " rows")).isPositive();
	}

	@Test
	void a_ledger_outside_the_scope_is_refused_before_anything_is_sent() throws Exception {
		for (String path : new String[] { "/appeals/export?regionCode=" + XISHANG, "/registry/residents/export?regionCode=" + XISHANG,
				"/registry/households/export?regionCode=" + XISHANG, "/fieldwork/visits/export?regionCode=" + XISHANG }) {
			MockHttpServletResponse refused = mvc.perform(get(path).with(as("gaomiao.cadre"))).andReturn().getResponse();
			assertThat(refused.getStatus()).as(path).isIn(400, 403, 404);
			assertThat(refused.getContentType()).as(path).doesNotContain("spreadsheet");
		}
	}

	@Test
	void a_count_stops_one_past_the_cap() {
		long pairs = count("SELECT COUNT(*) FROM registry_resident r, registry_region g");
		assertThat(pairs).isGreaterThan(CountedPage.CAP + 1);
		assertThat(CountedPage.count(jdbc, "FROM registry_resident r, registry_region g WHERE r.id > :zero", java.util.Map.of("zero", 0)))
			.isEqualTo(CountedPage.CAP + 1);
		long residents = count("SELECT COUNT(*) FROM registry_resident");
		assertThat(CountedPage.count(jdbc, "FROM registry_resident r", java.util.Map.of())).isEqualTo(Math.min(residents, CountedPage.CAP + 1));
		long village = count("SELECT COUNT(*) FROM registry_resident WHERE region_path LIKE ?", "%/" + GAOMIAO + "/%");
		assertThat(CountedPage.count(jdbc, "FROM registry_resident r WHERE r.region_path LIKE :p", java.util.Map.of("p", "%/" + GAOMIAO + "/%")))
			.isEqualTo(village).isLessThan(CountedPage.CAP);
	}

	@Test
	void a_list_beyond_the_cap_says_more_than_and_pages_on_and_its_ledger_has_every_row() throws Exception {
		jdbc.sql("""
				INSERT INTO fieldwork_visit (client_key, visitor, visited_at, region_id, region_path, household_id, place_text, purpose,
				  heard, needs, follow_up, recorded_at, photo_count)
				SELECT 'bulk-' || r.id || '-' || g.id, v.visitor, v.visited_at, v.region_id, v.region_path, v.household_id, v.place_text,
				  v.purpose, v.heard, v.needs, v.follow_up, v.recorded_at, 0
				FROM fieldwork_visit v, registry_resident r, registry_region g
				WHERE v.id = (SELECT MIN(id) FROM fieldwork_visit)
				ORDER BY r.id, g.id LIMIT 10050""").update();
		try {
			long visits = count("SELECT COUNT(*) FROM fieldwork_visit");
			assertThat(visits).isGreaterThan(CountedPage.CAP);
			String page = mvc.perform(get("/fieldwork/visits").with(as("admin"))).andReturn().getResponse().getContentAsString();
			assertThat(page).contains("共 10,000+ 条").contains("第 1 页").doesNotContain("1 / ");
			String deep = mvc.perform(get("/fieldwork/visits").param("page", "600").with(as("admin"))).andReturn().getResponse()
				.getContentAsString();
			assertThat(deep).contains("第 601 页").contains("page=601");
			String api = mvc.perform(get("/api/v1/visits").with(as("admin"))).andReturn().getResponse().getContentAsString();
			assertThat(api).contains("\"totalExact\":false").contains("\"totalElements\":10001");

			MockHttpServletResponse file = mvc.perform(get("/fieldwork/visits/export").with(as("admin"))).andReturn().getResponse();
			try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.getContentAsByteArray()))) {
				assertThat((long) book.getSheetAt(0).getLastRowNum()).isEqualTo(visits);
			}
		}
		finally {
			jdbc.sql("DELETE FROM fieldwork_visit WHERE client_key LIKE 'bulk-%'").update();
		}
	}

}
