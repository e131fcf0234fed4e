package org.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A grid worker at 360 px loses the signal, records two visits, gets it back: the server holds exactly two. */
class OfflineVisitsBrowserTests extends BrowserTestSupport {

	@Autowired
	JdbcClient jdbc;

	private long visits() {
		return jdbc.sql("SELECT COUNT(*) FROM fieldwork_visit WHERE visitor = 'gaomiao.grid1'").query(Long.class).single();
	}

	@Test
	void visits_recorded_offline_reach_the_server_once_when_the_connection_returns() {
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780)
			.setDeviceScaleFactor(2).setLocale("zh-CN").setIsMobile(true).setHasTouch(true))) {
			Page page = context.newPage();
			String base = "http://localhost:" + port;
			page.navigate(base + "/login");
			page.locator("#username").fill("gaomiao.grid1");
			page.locator("#password").fill("demo1234");
			page.locator("main button[type=submit]").click();
			page.navigate(base + "/m");
			assertThat(page.locator("#phone-app")).hasAttribute("data-pending", "0");
			long before = visits();

			context.setOffline(true);
			for (int i = 1; i <= 2; i++) {
				page.locator("#visit-household").selectOption(new SelectOption().setIndex(i));
				page.locator("#visit-heard").fill("离线走访第" + i + "户，老人身体尚好");
				page.locator("#save-visit").click();
			}
			assertThat(page.locator("#pending-count")).hasText("2");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/phone-offline-360.png")).setFullPage(true));
			org.assertj.core.api.Assertions.assertThat(visits()).isEqualTo(before);

			context.setOffline(false);
			assertThat(page.locator("#phone-app")).hasAttribute("data-pending", "0",
					new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
			org.assertj.core.api.Assertions.assertThat(visits()).isEqualTo(before + 2);
			// a reload or a second flush sends nothing more
			page.reload();
			page.waitForTimeout(6000);
			org.assertj.core.api.Assertions.assertThat(visits()).isEqualTo(before + 2);
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/phone-synced-360.png")).setFullPage(true));
		}
	}

}
