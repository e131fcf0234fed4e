package org.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * A village cadre on a 360 px phone: signs in, finds a household of their village, sees the ID
 * number masked, reveals it (audited); takes an appeal's steps through their labelled forms and is told what each did.
 * Runs Debian's Chromium; nothing is downloaded.
 */
class VillageCadreBrowserTests extends BrowserTestSupport {

	@org.springframework.beans.factory.annotation.Autowired
	private org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void village_cadre_on_a_phone_accepts_and_resolves_an_appeal_through_its_labelled_forms_and_is_told_each_time() {
		long id = jdbc.sql("SELECT MAX(id) FROM appeals_appeal WHERE region_path LIKE '%/620799100201/%' AND status = 'SUBMITTED' "
				+ "AND level = 'VILLAGE'").query(Long.class).single();
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780)
			.setDeviceScaleFactor(2).setLocale("zh-CN").setIsMobile(true).setHasTouch(true))) {
			Page page = context.newPage();
			String base = "http://localhost:" + port;
			signIn(page, "gaomiao.cadre");
			page.navigate(base + "/appeals/" + id);
			// only what a village may do with a new appeal: sign for it, escalate, transfer, merge, refuse, refer to mediation
			assertThat(page.locator("#actions [id^=step-]")).hasCount(6);
			assertThat(page.locator("#step-resolve")).hasCount(0);
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/appeal-steps-360.png")).setFullPage(true));
			page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("签收")).click();
			assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS)).hasText("已签收，请在办结时限内办理。");
			// the result is asked for by its label, and required
			var resolve = page.locator("#step-resolve");
			resolve.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
				.setName("办结")).click();
			org.assertj.core.api.Assertions.assertThat(resolve.getByLabel("办理结果").evaluate("e => e.validity.valueMissing")).isEqualTo(true);
			resolve.getByLabel("办理结果").fill("已现场处理，群众认可");
			resolve.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
				.setName("办结")).click();
			assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS)).hasText("已办结，等待回访评价。");
			assertThat(page.locator("#appeal-status")).hasText("已办结");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/appeal-step-done-360.png")).setFullPage(true));
		}
	}

	@Test
	void village_cadre_opens_a_household_on_a_phone_and_sees_the_id_number_masked() {
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780)
			.setDeviceScaleFactor(2).setLocale("zh-CN").setIsMobile(true).setHasTouch(true))) {
			Page page = context.newPage();
			String base = "http://localhost:" + port;
			signIn(page, "gaomiao.cadre");
			assertThat(page.locator("h1")).containsText("高庙村");

			page.navigate(base + "/registry/households");
			page.locator("#results a").first().click();
			assertThat(page.locator("h2").first()).hasText("家庭成员");
			var id = page.locator("td.id-number").first();
			assertThat(id).hasText(java.util.regex.Pattern.compile("^6207\\*{12}\\d[\\dX]$"));
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/household-360.png")).setFullPage(true));

			page.locator("td a").first().click();
			assertThat(page.locator("#id-number")).hasText(java.util.regex.Pattern.compile("\\*{12}"));
			page.locator("#reveal-id").click();
			assertThat(page.locator(".text-danger.masked")).hasText(java.util.regex.Pattern.compile("^620799\\d{11}[\\dX]$"));
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/resident-revealed-360.png")));
		}
	}

	@Test
	void the_desktop_home_page_renders_the_overview() {
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860).setLocale("zh-CN"))) {
			Page page = context.newPage();
			String base = "http://localhost:" + port;
			signIn(page, "qinghe.leader");
			assertThat(page.locator(".stat").first()).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/home-desktop.png")));
			page.navigate(base + "/registry/regions");
			page.locator(".toggle").first().click();
			assertThat(page.locator(".tree li li li").first()).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/regions-desktop.png")));
		}
	}

}
