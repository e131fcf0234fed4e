package org.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.grassroots.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Issue 18: the tracking page on a 360 px phone. A wrong try makes the next wait (said on the page, with
 * Retry-After); the resident then finds the appeal, rates it 不满意, is asked once more and confirms, and it goes back.
 * The server's clock is moved instead of waiting.
 */
@Import(MovableClock.Config.class)
class PublicTrackingBrowserTests extends BrowserTestSupport {

	@Autowired
	MovableClock clock;

	@AfterEach
	void putTheClockBack() {
		clock.reset();
	}

	private BrowserContext phone() {
		return browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780).setDeviceScaleFactor(2)
			.setLocale("zh-CN").setIsMobile(true).setHasTouch(true));
	}

	@Test
	void a_wrong_try_waits_then_the_resident_rates_not_satisfied_after_confirming() {
		String base = "http://localhost:" + port;
		String code;
		try (BrowserContext resident = phone()) {
			Page page = resident.newPage();
			page.navigate(base + "/q/62079910020101");
			page.locator("#categoryCode").selectOption("ROAD_LIGHTING");
			page.locator("#description").fill("五组桥头的路灯一直闪");
			page.locator("#phone").fill("13912347070");
			page.locator("#submit-appeal").click();
			assertThat(page.locator("#tracking-code")).hasText(Pattern.compile("^[A-Z2-9]{10}$"));
			code = page.locator("#tracking-code").textContent().strip();
		}
		try (BrowserContext cadre = phone()) {
			Page page = cadre.newPage();
			signIn(page, "gaomiao.cadre");
			page.navigate(base + "/appeals?q=" + code);
			page.locator("#results a").first().click();
			page.locator("#accept").click();
			assertThat(page.locator("#appeal-status")).hasText("已签收");
			page.locator("#result").fill("已更换镇流器");
			page.locator("#resolve").click();
			assertThat(page.locator("#appeal-status")).hasText("已办结");
		}
		try (BrowserContext resident = phone()) {
			Page page = resident.newPage();
			page.navigate(base + "/t?code=" + code);
			page.locator("#phone4").fill("0000");
			page.locator("main button[type=submit]").click();
			assertThat(page.locator("[role=alert]")).containsText("没有找到");
			// at once again, now with the right digits: the page says how long to wait
			page.locator("#phone4").fill("7070");
			Response refused = page.waitForResponse(r -> r.url().endsWith("/t"), () -> page.locator("main button[type=submit]").click());
			org.assertj.core.api.Assertions.assertThat(refused.status()).isEqualTo(429);
			org.assertj.core.api.Assertions.assertThat(refused.headerValue("retry-after")).isEqualTo("1");
			assertThat(page.locator("#backoff")).containsText("请 1 秒后再试");
			org.assertj.core.api.Assertions.assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(360);
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/tracking-backoff-360.png")).setFullPage(true));
			clock.travel(Duration.ofSeconds(3));
			page.locator("#phone4").fill("7070");
			page.locator("main button[type=submit]").click();
			assertThat(page.locator("#public-status")).hasText("已办结");
			page.locator("#reason").fill("灯还是在闪");
			page.locator("#rate-form button[value=UNSATISFIED]").click();
			// asked once more: nothing has changed yet
			assertThat(page.locator("#rate-confirm")).isVisible();
			assertThat(page.locator("#public-status")).hasText("已办结");
			org.assertj.core.api.Assertions.assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(360);
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/tracking-confirm-360.png")).setFullPage(true));
			page.locator("#rate-confirm-yes").click();
			assertThat(page.locator("#sent-back")).isVisible();
			assertThat(page.locator("#public-status")).not().hasText("已办结");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/tracking-sent-back-360.png")).setFullPage(true));
		}
	}

}
