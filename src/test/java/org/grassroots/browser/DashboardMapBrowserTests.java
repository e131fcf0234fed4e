package org.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * The dashboard read on a desktop and on a phone: one period for every card, and the schematic map of villages
 * that zooms in place to a village's grids and back.
 */
class DashboardMapBrowserTests extends BrowserTestSupport {

	@Test
	void a_county_officer_zooms_from_the_villages_to_a_villages_grids_and_back_on_a_desktop() {
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setLocale("zh-CN"))) {
			Page page = signIn(context, "county.staff");
			long started = System.nanoTime();
			page.navigate("http://localhost:" + port + "/dashboard");
			System.out.printf("county dashboard loaded in %d ms%n", (System.nanoTime() - started) / 1_000_000);
			assertThat(page.locator("#period")).hasValue("year");
			assertThat(page.locator("#map-card svg .area")).not().hasCount(0);
			assertThat(page.locator("#map-card svg text", new Page.LocatorOptions().setHasText("高庙村"))).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/dashboard-county-desktop.png")));
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/dashboard-county-full-desktop.png")).setFullPage(true));
			page.locator("#map-card").screenshot(new Locator.ScreenshotOptions().setPath(Path.of("target/screenshots/dashboard-map-county-desktop.png")));

			// a village opens its grids in place; the cards above stay the county's
			page.locator("#area-620799100201").click();
			assertThat(page.locator("#map-title")).containsText("高庙村各网格办结率");
			assertThat(page.locator("#map-card svg .area")).hasCount(3);
			assertThat(page.locator("#map-card svg text", new Page.LocatorOptions().setHasText("第一网格"))).isVisible();
			assertThat(page.locator("h1")).containsText("青山县");
			page.locator("#map-card").screenshot(new Locator.ScreenshotOptions().setPath(Path.of("target/screenshots/dashboard-map-village-desktop.png")));
			// back up the trail, then into 城关街道's communities
			page.locator("#map-card .map-trail a", new Page.LocatorOptions().setHasText("青山县")).click();
			assertThat(page.locator("#map-title")).containsText("各村（社区）办结率分布");
			page.locator("#map-card .map-trail a", new Page.LocatorOptions().setHasText("城关街道")).click();
			assertThat(page.locator("#map-card svg.schematic-map")).hasAttribute("data-focus", "620799001000");
			assertThat(page.locator("#map-card svg .area")).hasCount(4);
			assertThat(page.locator("#map-card svg text", new Page.LocatorOptions().setHasText("东关社区"))).isVisible();
			page.locator("#map-card").screenshot(new Locator.ScreenshotOptions().setPath(Path.of("target/screenshots/dashboard-map-chengguan-desktop.png")));
		}
	}

	@Test
	void a_township_leader_reads_this_months_cards_and_the_map_on_a_phone() {
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780)
			.setDeviceScaleFactor(2).setLocale("zh-CN").setIsMobile(true).setHasTouch(true))) {
			Page page = signIn(context, "qinghe.leader");
			page.navigate("http://localhost:" + port + "/dashboard");
			page.locator("#period").selectOption("month");
			page.locator("#period-form button[type=submit]").click();
			assertThat(page).hasURL(Pattern.compile("period=month"));
			assertThat(page.locator("#period-line")).containsText("本月");
			assertThat(page.locator(".card-period").first()).hasText("本月");
			int width = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
			assertThat(width).isLessThanOrEqualTo(360);
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/dashboard-month-360.png")));
			for (String section : new String[] {"appeals-cards", "disputes-section", "petitions-section", "fieldwork-section"}) {
				page.locator("#" + section).screenshot(new Locator.ScreenshotOptions()
					.setPath(Path.of("target/screenshots/dashboard-" + section + "-360.png")));
			}
			page.locator("#map-card").scrollIntoViewIfNeeded();
			page.locator("#map-card").screenshot(new Locator.ScreenshotOptions().setPath(Path.of("target/screenshots/dashboard-map-360.png")));
			// a tap on a village shows its grids
			page.locator("#area-620799100202").click();
			assertThat(page.locator("#map-title")).containsText("河湾村各网格办结率");
			page.locator("#map-card").screenshot(new Locator.ScreenshotOptions().setPath(Path.of("target/screenshots/dashboard-map-village-360.png")));
		}
	}

}
