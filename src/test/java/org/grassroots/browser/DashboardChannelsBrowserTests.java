package org.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.grassroots.calendar.WorkingCalendar;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A township leader on a 360 px phone picks the 12345 hotline on the dashboard and reads its 办结率 by level
 * in the channel table; the page itself never scrolls sideways.
 */
class DashboardChannelsBrowserTests extends BrowserTestSupport {

	@Test
	void a_township_leader_reads_the_12345_orders_resolution_by_level_on_a_phone() {
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780)
			.setDeviceScaleFactor(2).setLocale("zh-CN").setIsMobile(true).setHasTouch(true))) {
			Page page = context.newPage();
			String base = "http://localhost:" + port;
			signIn(page, "qinghe.leader");
			assertThat(page.locator("h1")).isVisible();

			LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
			String from = today.minusDays(364).toString();
			page.navigate(base + "/dashboard?from=" + from);
			// every channel of the demo township has its row before filtering
			assertThat(page.locator("#by-channel-and-level tbody tr")).not().hasCount(1);
			page.locator("#channel").selectOption("HOTLINE_12345");
			page.locator("form[action$='/dashboard'] button[type=submit]").click();
			assertThat(page).hasURL(Pattern.compile("channel=HOTLINE_12345"));
			assertThat(page.locator("#channel")).hasValue("HOTLINE_12345");
			assertThat(page.locator("#by-channel-and-level tbody tr")).hasCount(1);
			var row = page.locator("#channel-HOTLINE_12345");
			assertThat(row.locator("th")).hasText("12345 热线");
			assertThat(row.locator("td.rate")).isVisible();
			assertThat(row.locator("td.rate")).hasText(Pattern.compile("^\\d{1,3}\\.\\d%$"));

			// the row reads what the API answers for the same filter
			JsonNode stats = JsonMapper.builder().build().readTree(context.request()
				.get(base + "/api/v1/appeals/stats?channel=HOTLINE_12345&from=" + from + "&to=" + today).text());
			JsonNode hotline = stats.get("byChannelAndLevel").get("HOTLINE_12345");
			assertThat(row.locator("td.received")).hasText(hotline.get("received").asString());
			assertThat(row.locator("td.village")).hasText(hotline.get("resolvedVillage").asString());
			assertThat(row.locator("td.township")).hasText(hotline.get("resolvedTownship").asString());
			assertThat(hotline.get("received").asLong()).isPositive();

			// a phone scrolls the table inside its box, never the page
			int pageWidth = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
			assertThat(pageWidth).isLessThanOrEqualTo(360);
			page.locator("#by-channel-and-level").scrollIntoViewIfNeeded();
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/dashboard-channels-360.png")));
		}
	}

}
