package org.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import org.junit.jupiter.api.Test;

/**
 * A township leader on a phone: sees where the gaps are (the 五有 chain, people behind their target),
 * filters the visit ledger without a reload, and links a deputy to a village; a wrong choice is
 * explained beside the field.
 */
class LeaderFieldworkBrowserTests extends BrowserTestSupport {

	@Test
	void a_township_leader_sees_the_gaps_filters_the_ledger_and_links_a_village() {
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780)
			.setDeviceScaleFactor(2).setLocale("zh-CN").setIsMobile(true).setHasTouch(true))) {
			Page page = context.newPage();
			String base = "http://localhost:" + port;
			signIn(page, "ganquan.leader");
			assertThat(page.locator("h1")).isVisible();

			page.navigate(base + "/fieldwork?region=620799200204");
			assertThat(page.locator("h1")).containsText("石门村");
			assertThat(page.locator("#stat-chain")).hasText(Pattern.compile("^\\d / 3$"));
			assertThat(page.locator("#chain tbody tr").first()).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/fieldwork-360.png")));

			page.navigate(base + "/fieldwork/visits?regionCode=620799200204");
			String all = page.locator("#results p").first().textContent();
			page.locator("select[name=visitor]").selectOption(new SelectOption().setValue("shimen.grid3"));
			assertThat(page.locator("#results p").first()).not().hasText(all);
			assertThat(page.locator("#results td").first()).isVisible();
			assertThat(page).hasURL(Pattern.compile("visitor=shimen.grid3"));

			page.navigate(base + "/fieldwork/assignments");
			page.locator("#username").selectOption(new SelectOption().setValue("ganquan.member"));
			page.locator("#duty").selectOption("PATROL");
			page.locator("#regionCode").selectOption(new SelectOption().setLabel(page.locator("#regionCode option")
				.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("茶园村")).first().textContent()));
			page.locator("#assign-form button[type=submit]").click();
			assertThat(page.locator("#regionCode + .invalid-feedback, #regionCode ~ .invalid-feedback").first())
				.hasText("网格职责只能安排到网格");
			page.locator("#duty").selectOption("VILLAGE_LINK");
			page.locator("#monthlyTarget").fill("10");
			page.locator("#assign-form button[type=submit]").click();
			assertThat(page).hasURL(Pattern.compile("/fieldwork/assignments\\?assigned=\\d+"));
			assertThat(page.locator("#assignments tr", new Page.LocatorOptions().setHasText("吴敏"))
				.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("茶园村"))).not().hasCount(0);
		}
	}

}
