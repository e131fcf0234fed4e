package org.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * A village cadre on a phone opens a dispute case with one party picked from the registry and one outsider typed by
 * hand, names a member of the village's mediation committee, records a 邻里小院 session, settles it with an agreement
 * and gets the printable agreement.
 */
class DisputeMediationBrowserTests extends BrowserTestSupport {

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void a_cadre_opens_mediates_and_settles_a_case_on_a_phone() {
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780)
			.setDeviceScaleFactor(2).setLocale("zh-CN").setIsMobile(true).setHasTouch(true))) {
			Page page = context.newPage();
			String base = "http://localhost:" + port;
			signIn(page, "gaomiao.cadre");
			assertThat(page.locator("h1")).isVisible();

			page.navigate(base + "/disputes/new");
			page.locator("#type").selectOption("NEIGHBOUR");
			page.locator("#summary").fill("两户因院墙滴水问题争吵多次，请求调解");
			// the applicant is a resident of the village, found by name as one types and picked
			var resident = jdbc.sql("""
					SELECT id, name FROM registry_resident WHERE region_path LIKE '%/620799100201/%' AND status = 'PRESENT'
					AND phone_masked IS NOT NULL ORDER BY id FETCH FIRST 1 ROWS ONLY""").query().singleRow();
			long residentId = ((Number) resident.get("id")).longValue();
			String name = (String) resident.get("name");
			page.locator("#party-0-name").fill(name);
			var match = page.locator("#party-0-matches button[value='0:" + residentId + "']");
			assertThat(match).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/dispute-party-picker-360.png")).setFullPage(true));
			match.click();
			assertThat(page.locator("#party-0 .party-linked")).containsText(name);
			assertThat(page.locator("#party-0 .party-linked")).containsText("登记居民");
			// the respondent is not in the registry: typed by hand
			page.locator("#party-1-name").fill("浏览器乙");
			assertThat(page.locator("#party-1-matches")).containsText("外来人员/非登记人员");
			page.locator("input[name='parties[1].phone']").fill("13800001234");
			page.locator("input[name='parties[1].address']").fill("邻县石桥村");
			page.locator("#dispute-form > button[type=submit]").click();
			assertThat(page.locator("#status")).hasText("待调解");
			assertThat(page.locator("#parties")).containsText(name);
			assertThat(page.locator("#parties a[href='/registry/residents/" + residentId + "']")).isVisible();
			assertThat(page.locator("#parties")).containsText("外来人员/非登记人员");
			assertThat(page.locator("body")).containsText("138****1234");

			// a third party joins on the case page, picked the same way
			page.locator("#add-party summary").click();
			page.locator("#party-new-name").fill(name.substring(0, 1));
			var another = page.locator("#party-new-matches button").nth(1);
			assertThat(another).isVisible();
			String anotherName = another.locator("strong").textContent();
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/dispute-add-party-360.png")).setFullPage(true));
			another.click();
			assertThat(page.locator("#party-new .party-linked")).containsText(anotherName);
			page.locator("#add-party > details > button[type=submit]").click();
			assertThat(page.locator("#parties li")).hasCount(3);
			assertThat(page.locator("#parties")).containsText(anotherName);

			// the first mediators offered are the village's own committee
			var first = page.locator("#mediator optgroup").first();
			assertThat(first).hasAttribute("label", "高庙村人民调解委员会");
			String member = first.locator("option").first().getAttribute("value");
			page.locator("#mediator").selectOption(member);
			page.locator("#add-mediator button[type=submit]").click();
			assertThat(page.locator("#mediators")).containsText("人民调解员");

			page.locator("#add-session select[name=kind]").selectOption("NEIGHBOUR_YARD");
			page.locator("#add-session textarea[name=minutes]").fill("在邻里小院听双方陈述，约定加装接水槽");
			page.locator("#add-session button[type=submit]").click();
			assertThat(page.locator("#status")).hasText("调解中");
			assertThat(page.locator("#sessions")).containsText("邻里小院");

			page.locator("#close-case textarea[name=agreementText]").fill("乙方一周内加装接水槽，甲方不再追究此前损失。");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/dispute-360.png")).setFullPage(true));
			page.locator("#close-case button[type=submit]").click();
			assertThat(page.locator("#status")).hasText("调解成功");
			assertThat(page.locator("#agreement")).isVisible();
			var pdf = context.request().get(page.locator("#agreement").getAttribute("href").startsWith("http")
					? page.locator("#agreement").getAttribute("href") : base + page.locator("#agreement").getAttribute("href"));
			org.assertj.core.api.Assertions.assertThat(pdf.status()).isEqualTo(200);
			org.assertj.core.api.Assertions.assertThat(pdf.headers().get("content-type")).isEqualTo("application/pdf");
			try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
				String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("[\\s\\u3000]", "");
				org.assertj.core.api.Assertions.assertThat(text).contains(name).contains("浏览器乙").contains("人民调解员")
					.contains("本协议一式四份");
			}
			catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
			assertThat(page.locator("#follow-up")).isVisible();
		}
	}

	@Test
	void on_a_desktop_the_picker_lists_the_places_and_the_mediators_come_grouped_committee_first() {
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setLocale("zh-CN"))) {
			Page page = context.newPage();
			String base = "http://localhost:" + port;
			signIn(page, "qinghe.leader");
			assertThat(page.locator("h1")).isVisible();
			page.navigate(base + "/disputes/new");
			page.locator("#regionCode").selectOption("620799100201");
			page.locator("#party-0-name").fill("王");
			assertThat(page.locator("#party-0-matches button").first()).containsText("高庙村");
			// Enter in the search box looks the name up; it does not send the form
			page.locator("#party-0-name").press("Enter");
			assertThat(page).hasURL(base + "/disputes/new");
			assertThat(page.locator("#party-0-matches button").first()).containsText("高庙村");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/dispute-party-picker-desktop.png")));
			long id = jdbc.sql("SELECT MAX(id) FROM disputes_case WHERE status IN ('OPEN', 'MEDIATING') AND level = 'VILLAGE' AND region_path LIKE '%/620799100201/%'")
				.query(Long.class).single();
			page.navigate(base + "/disputes/" + id);
			var groups = page.locator("#mediator optgroup");
			assertThat(groups.first()).hasAttribute("label", "高庙村人民调解委员会");
			assertThat(groups.last()).hasAttribute("label", "其他干部（以本人职务署名，不作为人民调解员）");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/dispute-desktop.png")).setFullPage(true));
		}
	}

}
