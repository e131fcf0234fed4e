package org.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * A resident opens the village QR link on a 360 px phone and submits; the village cadre accepts and
 * resolves; the resident rates it; the dashboard counts it.
 */
class QrAppealBrowserTests extends BrowserTestSupport {

	private BrowserContext phone() {
		return browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780).setDeviceScaleFactor(2)
			.setLocale("zh-CN").setIsMobile(true).setHasTouch(true));
	}

	@Test
	void a_resident_appeals_by_qr_a_cadre_resolves_the_resident_rates_and_the_dashboard_counts_it() {
		String base = "http://localhost:" + port;
		String today = java.time.LocalDate.now(org.grassroots.calendar.WorkingCalendar.ZONE).toString();
		String dashboard = base + "/dashboard?region=62079910020101&from=" + today + "&to=" + today;
		int receivedBefore = received(base, dashboard);
		String code;
		try (BrowserContext resident = phone()) {
			Page page = resident.newPage();
			page.navigate(base + "/q/62079910020101");
			assertThat(page.locator("h1")).containsText("码上响应");
			page.locator("#categoryCode").selectOption("ROAD_LIGHTING");
			page.locator("#description").fill("三组路口的路灯不亮了，晚上很黑");
			page.locator("#phone").fill("13912340001");
			// the optional pin: tap the map where the problem is
			assertThat(page.locator("#pin-map .leaflet-marker-icon")).isVisible();
			page.locator("#pin-map").click(new com.microsoft.playwright.Locator.ClickOptions().setPosition(60, 60));
			org.assertj.core.api.Assertions.assertThat(page.locator("#latitude").inputValue()).matches("\\d+\\.\\d{6}");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/qr-form-360.png")).setFullPage(true));
			page.locator("#submit-appeal").click();
			assertThat(page.locator("#tracking-code")).hasText(Pattern.compile("^[A-Z2-9]{10}$"));
			code = page.locator("#tracking-code").textContent().strip();
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/qr-done-360.png")));
		}
		try (BrowserContext cadre = phone()) {
			Page page = cadre.newPage();
			page.navigate(base + "/login");
			page.locator("#username").fill("gaomiao.cadre");
			page.locator("#password").fill("demo1234");
			page.locator("main button[type=submit]").click();
			page.navigate(base + "/appeals?q=" + code);
			page.locator("#results a").first().click();
			page.locator("#accept").click();
			assertThat(page.locator("#appeal-status")).hasText("已签收");
			page.locator("#result").fill("已更换路灯灯头，恢复照明");
			page.locator("#resolve").click();
			assertThat(page.locator("#appeal-status")).hasText("已办结");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/appeal-resolved-360.png")).setFullPage(true));
		}
		try (BrowserContext resident = phone()) {
			Page page = resident.newPage();
			page.navigate(base + "/t?code=" + code);
			page.locator("#phone4").fill("0001");
			page.locator("main button[type=submit]").click();
			assertThat(page.locator("#public-status")).hasText("已办结");
			page.locator("#rate-form button[value=SATISFIED]").click();
			assertThat(page.locator("#public-status")).hasText("已结案");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/qr-rated-360.png")).setFullPage(true));
		}
		org.assertj.core.api.Assertions.assertThat(received(base, dashboard)).isEqualTo(receivedBefore + 1);
	}

	/** What the dashboard says was received today on 高庙村第一网格, as the village cadre sees it. */
	private int received(String base, String dashboard) {
		try (BrowserContext cadre = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setLocale("zh-CN"))) {
			Page page = cadre.newPage();
			page.navigate(base + "/login");
			page.locator("#username").fill("gaomiao.cadre");
			page.locator("#password").fill("demo1234");
			page.locator("main button[type=submit]").click();
			page.navigate(dashboard);
			assertThat(page.locator("canvas").first()).isVisible();
			// the grid map draws the grid's outline
			assertThat(page.locator("#map path.leaflet-interactive").first()).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/dashboard-desktop.png")));
			return Integer.parseInt(page.locator("#stat-received").textContent().strip());
		}
	}

}
