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

/**
 * A grid worker at 360 px loses the signal, records two visits, gets it back: the server holds exactly two. The
 * app reloaded without a signal keeps its look and works; an entry whose session lapsed meanwhile waits for the
 * worker to sign in again and then reaches the server once.
 */
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
			signIn(page, "gaomiao.grid1");
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

	private long visitsHeard(String heard) {
		return jdbc.sql("SELECT COUNT(*) FROM fieldwork_visit WHERE visitor = 'gaomiao.grid1' AND heard = ?").param(heard).query(Long.class).single();
	}

	private BrowserContext phone() {
		return browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780)
			.setDeviceScaleFactor(2).setLocale("zh-CN").setIsMobile(true).setHasTouch(true));
	}

	private void signIn(Page page) {
		page.locator("#username").fill("gaomiao.grid1");
		page.locator("#password").fill("demo1234");
		page.locator("main button[type=submit]").click();
	}

	private static String style(Page page, String selector, String property) {
		return (String) page.locator(selector).first().evaluate("(e, p) => getComputedStyle(e).getPropertyValue(p)", property);
	}

	@Test
	void the_app_reloaded_offline_keeps_its_look_and_its_scripts_and_syncs_once() {
		try (BrowserContext context = phone()) {
			Page page = context.newPage();
			String base = "http://localhost:" + port;
			page.navigate(base + "/login");
			signIn(page);
			page.navigate(base + "/m");
			// the service worker has cached what this page loaded
			assertThat(page.locator("#phone-app")).hasAttribute("data-shell", java.util.regex.Pattern.compile("^[0-9a-f]{12}$"));
			String button = style(page, "#save-visit", "background-color");
			String navbar = style(page, "nav.navbar", "background-color");
			org.assertj.core.api.Assertions.assertThat(button).isNotEqualTo("rgba(0, 0, 0, 0)");

			// without the browser's HTTP cache, so that whatever the page gets offline comes from the service worker
			context.newCDPSession(page).send("Network.clearBrowserCache");
			context.setOffline(true);
			page.reload();
			// styled: Bootstrap and the app's colours apply, the menu stays folded away, the validation texts hidden
			org.assertj.core.api.Assertions.assertThat(style(page, "#save-visit", "background-color")).isEqualTo(button);
			org.assertj.core.api.Assertions.assertThat(style(page, "nav.navbar", "background-color")).isEqualTo(navbar);
			assertThat(page.locator("#sidenav")).isHidden();
			assertThat(page.locator("#visit-form .invalid-feedback")).isHidden();
			// scripted: the app has read its outbox (the server never renders data-pending) and queues a visit; whether
			// navigator.onLine says offline after a reload is up to the browser's emulation, so it is not asserted
			assertThat(page.locator("#phone-app")).hasAttribute("data-pending", "0");
			long before = visits();
			String heard = "重新打开后离线走访，老人血压正常";
			page.locator("#visit-household").selectOption(new SelectOption().setIndex(1));
			page.locator("#visit-heard").fill(heard);
			page.locator("#save-visit").click();
			assertThat(page.locator("#pending-count")).hasText("1");
			assertThat(page.locator("#pending")).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/phone-offline-reload-360.png")).setFullPage(true));
			org.assertj.core.api.Assertions.assertThat(visits()).isEqualTo(before);

			context.setOffline(false);
			assertThat(page.locator("#phone-app")).hasAttribute("data-pending", "0",
					new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
			org.assertj.core.api.Assertions.assertThat(visits()).isEqualTo(before + 1);
			org.assertj.core.api.Assertions.assertThat(visitsHeard(heard)).isEqualTo(1);
		}
	}

	@Test
	void an_entry_refused_for_a_lapsed_session_waits_for_the_worker_to_sign_in_again() {
		try (BrowserContext context = phone()) {
			Page page = context.newPage();
			String base = "http://localhost:" + port;
			page.navigate(base + "/login");
			signIn(page);
			page.navigate(base + "/m");
			assertThat(page.locator("#phone-app")).hasAttribute("data-pending", "0");
			long before = visits();

			context.setOffline(true);
			String heard = "会话过期前离线记录，住户反映路灯不亮";
			page.locator("#visit-household").selectOption(new SelectOption().setIndex(2));
			page.locator("#visit-heard").fill(heard);
			page.locator("#save-visit").click();
			assertThat(page.locator("#pending-count")).hasText("1");
			// the session lapses while the phone has no signal
			int ended = jdbc.sql("DELETE FROM spring_session WHERE principal_name = 'gaomiao.grid1'").update();
			org.assertj.core.api.Assertions.assertThat(ended).isPositive();

			context.setOffline(false);
			assertThat(page.locator("#signin")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
			assertThat(page.locator("#signin")).containsText("登录已过期");
			assertThat(page.locator("#net-state")).hasText("需重新登录");
			// still queued, nothing stored
			assertThat(page.locator("#pending-count")).hasText("1");
			assertThat(page.locator("#phone-app")).hasAttribute("data-pending", "1");
			org.assertj.core.api.Assertions.assertThat(visits()).isEqualTo(before);
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/phone-signin-prompt-360.png")).setFullPage(true));

			page.locator("#signin-link").click();
			page.waitForURL(java.util.regex.Pattern.compile(".*/login.*"));
			signIn(page);
			page.waitForURL(java.util.regex.Pattern.compile(".*/m(\\?.*)?$"));
			assertThat(page.locator("#phone-app")).hasAttribute("data-pending", "0",
					new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
			assertThat(page.locator("#signin")).isHidden();
			org.assertj.core.api.Assertions.assertThat(visits()).isEqualTo(before + 1);
			org.assertj.core.api.Assertions.assertThat(visitsHeard(heard)).isEqualTo(1);
		}
	}

}
