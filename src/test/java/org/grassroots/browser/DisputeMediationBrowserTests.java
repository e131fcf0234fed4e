package org.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * A village cadre on a phone opens a dispute case, records a 邻里小院 session, settles it with an
 * agreement and gets the printable agreement.
 */
class DisputeMediationBrowserTests extends BrowserTestSupport {

	@Test
	void a_cadre_opens_mediates_and_settles_a_case_on_a_phone() {
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780)
			.setDeviceScaleFactor(2).setLocale("zh-CN").setIsMobile(true).setHasTouch(true))) {
			Page page = context.newPage();
			String base = "http://localhost:" + port;
			page.navigate(base + "/login");
			page.locator("#username").fill("gaomiao.cadre");
			page.locator("#password").fill("demo1234");
			page.locator("main button[type=submit]").click();
			assertThat(page.locator("h1")).isVisible();

			page.navigate(base + "/disputes/new");
			page.locator("#type").selectOption("NEIGHBOUR");
			page.locator("#summary").fill("两户因院墙滴水问题争吵多次，请求调解");
			page.locator("input[name='parties[0].name']").fill("浏览器甲");
			page.locator("input[name='parties[1].name']").fill("浏览器乙");
			page.locator("input[name='parties[1].phone']").fill("13800001234");
			page.locator("#dispute-form button[type=submit]").click();
			assertThat(page.locator("#status")).hasText("待调解");
			assertThat(page.locator("body")).containsText("138****1234");

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
			assertThat(page.locator("#follow-up")).isVisible();
		}
	}

}
