package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Every filtered list stands on one rail (templates/fragments/list.html): its ledger link and its paging carry the
 * filters of the request that drew it — on the whole page (no JavaScript needed) and after a filter applied in place by
 * htmx, when the link comes again with the results — and the ledger at that link holds exactly the rows the list counts.
 */
class ListRailIntegrationTests extends IntegrationTestSupport {

	private static final Pattern EXPORT = Pattern.compile("<a id=\"export\"[^>]*href=\"([^\"]*)\"[^>]*>");
	private static final Pattern TOTAL = Pattern.compile("<div id=\"results\" data-total=\"(\\d+)\"");

	/** Each list, as someone who may read it, with a filter of its own. */
	private static final String[][] LISTS = {
			{ "qinghe.leader", "/appeals", "status=CLOSED&channel=QR" },
			{ "qinghe.leader", "/disputes", "type=LAND_BOUNDARY&boundary=true" },
			{ "qinghe.leader", "/petitions", "form=PHONE&leapfrog=true" },
			{ "qinghe.leader", "/audit", "action=CREATE&entityType=appeal" },
			{ "gaomiao.cadre", "/registry/residents", "gender=FEMALE&tag=EMPTY_NEST" },
			{ "gaomiao.cadre", "/registry/households", "tag=SUBSISTENCE" },
			{ "gaomiao.cadre", "/registry/party/members", "mobile=false" },
			{ "qinghe.leader", "/registry/party/organisations", "regionCode=" + GAOMIAO },
			{ "gaomiao.cadre", "/fieldwork/visits", "purpose=ROUTINE&followUp=NONE" } };

	private String page(String user, String path, boolean inPlace, String... historyRestore) throws Exception {
		var request = get(URI.create(path)).with(as(user));
		if (inPlace) {
			request.header("HX-Request", "true");
		}
		if (historyRestore.length > 0) {
			request.header("HX-History-Restore-Request", "true");
		}
		return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	private static String exportHref(String html) {
		Matcher m = EXPORT.matcher(html);
		assertThat(m.find()).as("an export link in %s", html.length() > 300 ? html.substring(0, 300) : html).isTrue();
		return m.group(1).replace("&amp;", "&");
	}

	private static int total(String html) {
		Matcher m = TOTAL.matcher(html);
		assertThat(m.find()).isTrue();
		return Integer.parseInt(m.group(1));
	}

	@Test
	void every_list_links_its_ledger_with_its_filters_on_the_whole_page_and_after_a_filter_applied_in_place() throws Exception {
		for (String[] list : LISTS) {
			String user = list[0], path = list[1], filters = list[2];
			// the whole page: the link is drawn in the header from the request, no script involved; empty fields and the
			// page shown are no filters
			String whole = page(user, path + "?" + filters + "&q=&page=0", false);
			assertThat(whole).as(path).contains("<html").contains("id=\"filters\"").doesNotContain("hx-swap-oob");
			assertThat(exportHref(whole)).as(path).isEqualTo(path + "/export?" + filters);
			// in place: the results alone, and the link again, for htmx to put where the old one was
			String results = page(user, path + "?" + filters, true);
			assertThat(results).as(path).doesNotContain("<html").doesNotContain("id=\"filters\"").contains("hx-swap-oob=\"true\"");
			assertThat(results.strip()).as(path).startsWith("<div id=\"results\"");
			assertThat(exportHref(results)).as(path).isEqualTo(path + "/export?" + filters);
		}
	}

	@Test
	void htmx_restoring_a_page_it_no_longer_holds_gets_the_whole_page() throws Exception {
		String restored = page("qinghe.leader", "/disputes?type=NEIGHBOUR", true, "restore");
		assertThat(restored).contains("<html").contains("id=\"filters\"").doesNotContain("hx-swap-oob");
	}

	@Test
	void the_paging_keeps_the_filters() throws Exception {
		String results = page("gaomiao.cadre", "/registry/residents?gender=FEMALE&page=1", true);
		assertThat(results).contains("href=\"/registry/residents?gender=FEMALE&amp;page=2\"")
			.contains("href=\"/registry/residents?gender=FEMALE&amp;page=0\"");
	}

	@Test
	void the_residents_ledger_after_a_filter_in_place_holds_exactly_the_residents_the_list_counts() throws Exception {
		String results = page("gaomiao.cadre", "/registry/residents?regionCode=" + GAOMIAO + "&gender=FEMALE&tag=EMPTY_NEST", true);
		int total = total(results);
		List<List<String>> rows = ledger("gaomiao.cadre", exportHref(results), "姓名");
		assertThat(rows).hasSize(total);
		assertThat(total).isPositive();
		for (List<String> row : rows) {
			assertThat(row.get(1)).isEqualTo("女");
			assertThat(row).as("the tags column").anySatisfy(cell -> assertThat(cell).contains("空巢老人"));
		}
		// fewer than the village's women: the tag narrowed it
		assertThat(total).isLessThan(total(page("gaomiao.cadre", "/registry/residents?regionCode=" + GAOMIAO + "&gender=FEMALE", true)));
		// the link a cadre of another village would follow reaches nothing of this one
		int foreign = mvc.perform(get(URI.create(exportHref(results))).with(as("xishang.cadre"))).andReturn().getResponse().getStatus();
		assertThat(foreign).isIn(403, 404);
	}

	@Test
	void the_disputes_ledger_after_a_filter_in_place_holds_exactly_the_boundary_land_cases_the_list_counts() throws Exception {
		String results = page("qinghe.leader", "/disputes?type=LAND_BOUNDARY&boundary=true", true);
		int total = total(results);
		List<List<String>> rows = ledger("qinghe.leader", exportHref(results), "编号");
		assertThat(rows).hasSize(total);
		assertThat(total).isPositive().isLessThan(total(page("qinghe.leader", "/disputes?type=LAND_BOUNDARY", true)));
		for (List<String> row : rows) {
			assertThat(row.get(3)).isEqualTo("土地山林权属");
			assertThat(row.get(7)).isEqualTo("是");
		}
	}

	/** The ledger's rows below its header row (the one whose first cell is {@code firstHeader}), as text. */
	private List<List<String>> ledger(String user, String href, String firstHeader) throws Exception {
		byte[] xlsx = mvc.perform(get(URI.create(href)).with(as(user))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsByteArray();
		DataFormatter text = new DataFormatter();
		List<List<String>> rows = new ArrayList<>();
		try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = book.getSheetAt(0);
			int header = 0;
			while (!firstHeader.equals(sheet.getRow(header).getCell(0).getStringCellValue())) {
				header++;
			}
			for (int r = header + 1; r <= sheet.getLastRowNum(); r++) {
				List<String> cells = new ArrayList<>();
				for (Cell cell : sheet.getRow(r)) {
					while (cells.size() < cell.getColumnIndex()) {
						cells.add("");
					}
					cells.add(text.formatCellValue(cell));
				}
				rows.add(cells);
			}
		}
		return rows;
	}

}
