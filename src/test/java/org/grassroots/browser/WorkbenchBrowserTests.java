package org.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Each person's first screen is their own work, and a list filtered in place exports the rows it shows. Runs Debian's
 * Chromium; nothing is downloaded.
 */
class WorkbenchBrowserTests extends BrowserTestSupport {

	private static final String ANDROID = "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";

	private BrowserContext phone(String userAgent) {
		var options = new Browser.NewContextOptions().setViewportSize(360, 780).setDeviceScaleFactor(2).setLocale("zh-CN")
			.setIsMobile(true).setHasTouch(true);
		return browser.newContext(userAgent == null ? options : options.setUserAgent(userAgent));
	}

	private BrowserContext desk() {
		return browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860).setLocale("zh-CN"));
	}

	private static void shoot(Page page, String name) {
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/" + name + ".png")).setFullPage(true));
	}

	@Test
	void a_village_cadre_on_a_phone_and_a_township_leader_at_a_desk_find_their_to_dos_first() {
		try (BrowserContext phone = phone(null)) {
			Page page = signIn(phone, "gaomiao.cadre");
			assertThat(page.locator("h1")).containsText("我的工作台");
			assertThat(page.locator("#work a").first()).isVisible();
			// the first line is the most urgent, and it leads to the appeals it counts
			page.locator("#work a").first().screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
				.setPath(Path.of("target/screenshots/workbench-line-360.png")));
			shoot(page, "workbench-cadre-360");
			page.locator("#work a").first().click();
			assertThat(page).hasURL(Pattern.compile(".*/(appeals|disputes|petitions|m).*"));
		}
		try (BrowserContext desk = desk()) {
			Page page = signIn(desk, "gaomiao.cadre");
			assertThat(page.locator("#work a").first()).isVisible();
			shoot(page, "workbench-cadre-1280");
		}
		try (BrowserContext desk = desk()) {
			Page page = signIn(desk, "qinghe.leader");
			assertThat(page.locator("#work")).isVisible();
			shoot(page, "workbench-leader-1280");
		}
		try (BrowserContext phone = phone(null)) {
			Page page = signIn(phone, "qinghe.leader");
			assertThat(page.locator("#work")).isVisible();
			shoot(page, "workbench-leader-360");
		}
	}

	@Test
	void a_county_department_finds_the_whistles_waiting_for_it_first_and_its_inbox_behind_them() {
		try (BrowserContext desk = desk()) {
			Page page = signIn(desk, "mzj.staff");
			assertThat(page.locator("h1")).containsText("我的工作台");
			// the demo whistled some township appeals to 县民政局: its first line says so and leads to its inbox
			assertThat(page.locator("#work a").first()).containsText("吹哨待本部门报到");
			shoot(page, "workbench-department-1280");
			page.locator("#work a").first().click();
			assertThat(page).hasURL(Pattern.compile(".*/appeals/inbox.*"));
			assertThat(page.locator("main")).containsText("县民政局");
		}
		try (BrowserContext phone = phone(null)) {
			Page page = signIn(phone, "mzj.staff");
			assertThat(page.locator("#work a").first()).containsText("吹哨待本部门报到");
			shoot(page, "workbench-department-360");
		}
	}

	@Test
	void a_grid_worker_on_a_phone_lands_in_the_phone_app_and_at_a_desk_on_the_workbench() {
		try (BrowserContext phone = phone(ANDROID)) {
			Page page = signIn(phone, "gaomiao.grid1");
			assertThat(page).hasURL(Pattern.compile(".*/m$"));
			page.waitForLoadState();
			shoot(page, "workbench-grid-360");
		}
		try (BrowserContext desk = desk()) {
			Page page = signIn(desk, "gaomiao.grid1");
			assertThat(page.locator("h1")).containsText("我的工作台");
			assertThat(page.locator("#work")).isVisible();
			shoot(page, "workbench-grid-1280");
		}
	}

	@Test
	void the_ledger_exported_after_filtering_in_place_holds_the_rows_of_the_filtered_list() throws Exception {
		try (BrowserContext desk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860).setLocale("zh-CN")
			.setAcceptDownloads(true))) {
			Page page = signIn(desk, "gaomiao.cadre");
			page.navigate("http://localhost:" + port + "/appeals");
			// filtered in place by htmx: no page load, the results and the ledger link follow the filter
			page.locator("select[name=status]").selectOption("CLOSED");
			assertThat(page.locator("#export")).hasAttribute("href", Pattern.compile(".*status=CLOSED.*"));
			assertThat(page.locator("#results")).hasCount(1);
			String total = page.locator("#results").getAttribute("data-total");
			Download download = page.waitForDownload(() -> page.locator("#export").click());
			Path file = download.path();
			try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(file))) {
				var sheet = book.getSheetAt(0);
				int header = 0;
				while (!"编号".equals(sheet.getRow(header).getCell(0).getStringCellValue())) {
					header++;
				}
				int rows = sheet.getLastRowNum() - header;
				org.assertj.core.api.Assertions.assertThat(rows).isEqualTo(Integer.parseInt(total)).isPositive();
				for (int r = header + 1; r <= sheet.getLastRowNum(); r++) {
					org.assertj.core.api.Assertions.assertThat(sheet.getRow(r).getCell(5).getStringCellValue()).isEqualTo("已结案");
				}
			}
		}
	}

	@Test
	void the_disputes_ledger_exported_after_filtering_in_place_or_without_javascript_holds_exactly_the_cases_the_list_shows() throws Exception {
		try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780).setDeviceScaleFactor(2)
			.setLocale("zh-CN").setIsMobile(true).setHasTouch(true).setAcceptDownloads(true))) {
			Page page = signIn(phone, "qinghe.leader");
			page.navigate("http://localhost:" + port + "/disputes");
			String all = page.locator("#results").getAttribute("data-total");
			page.evaluate("window.sameDocument = true");
			// two filters applied in place: no page load, the results and the ledger link follow both
			page.locator("select[name=type]").selectOption("LAND_BOUNDARY");
			assertThat(page.locator("#export")).hasAttribute("href", Pattern.compile(".*type=LAND_BOUNDARY.*"));
			page.locator("#boundary").check();
			assertThat(page.locator("#export")).hasAttribute("href", Pattern.compile(".*type=LAND_BOUNDARY.*boundary=true.*"));
			assertThat(page).hasURL(Pattern.compile(".*/disputes\\?.*boundary=true.*"));
			assertThat(page.locator("#results")).hasCount(1);
			assertThat(page.locator("#export")).hasCount(1);
			org.assertj.core.api.Assertions.assertThat(page.evaluate("window.sameDocument === true")).isEqualTo(true);
			String total = page.locator("#results").getAttribute("data-total");
			org.assertj.core.api.Assertions.assertThat(Integer.parseInt(total)).isPositive().isLessThan(Integer.parseInt(all));
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/disputes-filtered-360.png")).setFullPage(true));
			Download download = page.waitForDownload(() -> page.locator("#export").click());
			try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(download.path()))) {
				var sheet = book.getSheetAt(0);
				int header = 0;
				while (!"编号".equals(sheet.getRow(header).getCell(0).getStringCellValue())) {
					header++;
				}
				org.assertj.core.api.Assertions.assertThat(sheet.getLastRowNum() - header).isEqualTo(Integer.parseInt(total));
				for (int r = header + 1; r <= sheet.getLastRowNum(); r++) {
					org.assertj.core.api.Assertions.assertThat(sheet.getRow(r).getCell(3).getStringCellValue()).isEqualTo("土地山林权属");
					org.assertj.core.api.Assertions.assertThat(sheet.getRow(r).getCell(7).getStringCellValue()).isEqualTo("是");
				}
			}
		}
		// without JavaScript the search button submits the same filters, and the ledger link is drawn with them
		try (BrowserContext plain = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860).setLocale("zh-CN")
			.setJavaScriptEnabled(false))) {
			Page page = signIn(plain, "qinghe.leader");
			page.navigate("http://localhost:" + port + "/disputes");
			page.locator("select[name=type]").selectOption("LAND_BOUNDARY");
			page.locator("#boundary").check();
			page.locator("#filters button[type=submit]").click();
			assertThat(page).hasURL(Pattern.compile(".*/disputes\\?.*type=LAND_BOUNDARY.*boundary=true.*"));
			assertThat(page.locator("#export")).hasAttribute("href", "/disputes/export?type=LAND_BOUNDARY&boundary=true");
		}
	}

}
