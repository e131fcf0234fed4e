package org.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.LoadState;
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
			// the optional pin: the map comes when asked for; tap it where the problem is
			page.locator("#show-map").click();
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
			signIn(page, "gaomiao.cadre");
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

	@Test
	void a_phone_set_to_english_gets_the_county_language_and_the_residents_switch_to_english_sticks() {
		String base = "http://localhost:" + port;
		try (BrowserContext resident = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780)
			.setDeviceScaleFactor(2).setLocale("en-US").setIsMobile(true).setHasTouch(true))) {
			Page page = resident.newPage();
			page.navigate(base + "/q/62079910020101");
			assertThat(page.locator("h1")).containsText("码上响应");
			assertThat(page.locator("#public-header .public-place")).hasText("高庙村");
			// the residents' header: no staff menu, nothing that leads to the sign-in page
			assertThat(page.locator("a[href='/'], a[href*='login'], .navbar, #sidenav")).hasCount(0);
			org.assertj.core.api.Assertions.assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(360);
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/public-form-zh-360.png")).setFullPage(true));
			page.locator("#lang-en").click();
			assertThat(page.locator("h1")).containsText("Report a problem");
			assertThat(page.locator("#lang-en")).hasAttribute("aria-current", "true");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/public-form-en-360.png")).setFullPage(true));
			// the choice sticks on the next page
			page.navigate(base + "/t");
			assertThat(page.locator("h1")).hasText("Follow an appeal");
			assertThat(page.locator("#public-header .public-place")).hasText("青山县");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/public-tracking-en-360.png")).setFullPage(true));
			page.locator("#lang-zh").click();
			assertThat(page.locator("h1")).hasText("查询办理进度");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/public-tracking-zh-360.png")).setFullPage(true));
		}
		try (BrowserContext desk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setLocale("zh-CN"))) {
			Page page = desk.newPage();
			page.navigate(base + "/q/62079910020101");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/public-form-1280.png")).setFullPage(true));
			page.navigate(base + "/t");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/public-tracking-1280.png")).setFullPage(true));
		}
	}

	@Test
	void a_cadre_on_the_server_itself_gets_no_poster_of_a_loopback_address_but_how_to_set_the_public_one() {
		try (BrowserContext cadre = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setLocale("zh-CN"))) {
			Page page = cadre.newPage();
			signIn(page, "gaomiao.cadre");
			page.navigate("http://localhost:" + port + "/qr/62079910020101");
			assertThat(page.locator("#poster-refused")).containsText("GRASSROOTS_PUBLIC_BASE_URL");
			assertThat(page.locator("img")).hasCount(0);
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/poster-refused-1280.png")).setFullPage(true));
		}
	}

	@Test
	void the_public_form_weighs_at_most_150_kb_on_a_first_visit_and_30_kb_on_a_repeat_visit() {
		String form = "http://localhost:" + port + "/q/62079910020101";
		try (BrowserContext resident = phone()) {
			Page page = resident.newPage();
			List<Double> received = java.util.Collections.synchronizedList(new ArrayList<>());
			CDPSession cdp = resident.newCDPSession(page);
			cdp.send("Network.enable");
			cdp.on("Network.loadingFinished", event -> received.add(event.get("encodedDataLength").getAsDouble()));
			page.navigate(form);
			page.waitForLoadState(LoadState.NETWORKIDLE);
			double first = sum(received);
			int firstRequests = received.size();
			received.clear();
			page.reload();
			page.waitForLoadState(LoadState.NETWORKIDLE);
			double reload = sum(received);
			int reloadRequests = received.size();
			received.clear();
			page.navigate(form);
			page.waitForLoadState(LoadState.NETWORKIDLE);
			double again = sum(received);
			System.out.printf("public form transfer: first visit %.1f KB in %d requests, reload %.1f KB in %d, repeat visit %.1f KB in %d%n",
					first / 1024, firstRequests, reload / 1024, reloadRequests, again / 1024, received.size());
			org.assertj.core.api.Assertions.assertThat(firstRequests).isPositive();
			org.assertj.core.api.Assertions.assertThat(first).isLessThanOrEqualTo(150 * 1024);
			org.assertj.core.api.Assertions.assertThat(reload).isLessThanOrEqualTo(30 * 1024);
			org.assertj.core.api.Assertions.assertThat(again).isLessThanOrEqualTo(30 * 1024);
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/qr-form-light-360.png")).setFullPage(true));
		}
	}

	@Test
	void a_large_photo_is_shrunk_on_the_phone_and_the_form_cannot_be_sent_twice() throws Exception {
		byte[] photo = noisyJpeg(4000, 3000);
		try (BrowserContext resident = phone()) {
			Page page = resident.newPage();
			page.navigate("http://localhost:" + port + "/q/62079910020101");
			assertThat(page.locator("#photos-hint")).containsText("最多 5 张");
			List<Integer> sent = new ArrayList<>();
			page.route("**/q/62079910020101", route -> {
				if ("POST".equals(route.request().method())) {
					sent.add(route.request().postDataBuffer().length);
				}
				route.resume();
			});
			page.locator("#categoryCode").selectOption("ROAD_LIGHTING");
			page.locator("#description").fill("村口的桥栏杆断了，孩子上学经过很危险");
			page.locator("#phone").fill("13912340002");
			page.locator("#photos").setInputFiles(new FilePayload("IMG_4000x3000.jpg", "image/jpeg", photo));
			// the state of the button as the page is left for the answer, kept for after the navigation
			page.evaluate("() => addEventListener('beforeunload', () => { const b = document.getElementById('submit-appeal');"
					+ " sessionStorage.setItem('button', b.disabled + '|' + b.textContent); })");
			// pressed, pressed again and sent again by script while the photo is being shrunk
			page.evaluate("() => { const b = document.getElementById('submit-appeal'); b.click(); b.click();"
					+ " document.getElementById('public-form').requestSubmit(); }");
			assertThat(page.locator("#tracking-code")).hasText(Pattern.compile("^[A-Z2-9]{10}$"));
			org.assertj.core.api.Assertions.assertThat(sent).hasSize(1);
			System.out.printf("photo on the phone %.1f KB, request sent %.1f KB%n", photo.length / 1024.0, sent.get(0) / 1024.0);
			org.assertj.core.api.Assertions.assertThat(sent.get(0)).isLessThan(photo.length / 4);
			String button = (String) page.evaluate("sessionStorage.getItem('button')");
			org.assertj.core.api.Assertions.assertThat(button).startsWith("true|").contains("正在提交");
		}
	}

	@Test
	void photos_over_the_upload_limit_bring_the_form_back_with_what_was_typed() {
		// five 8 MB files the browser cannot draw (so they go as they are), 40 MB in all
		byte[] undrawable = new byte[8 * 1024 * 1024];
		new java.util.Random(7).nextBytes(undrawable);
		try (BrowserContext resident = phone()) {
			Page page = resident.newPage();
			page.navigate("http://localhost:" + port + "/q/62079910020101");
			page.locator("#categoryCode").selectOption("ROAD_LIGHTING");
			page.locator("#description").fill("河边的护栏被冲坏了，请尽快修一下");
			page.locator("#locationText").fill("二组河堤");
			page.locator("#reporterName").fill("李大姐");
			page.locator("#phone").fill("13912340003");
			FilePayload[] files = new FilePayload[5];
			for (int i = 0; i < files.length; i++) {
				files[i] = new FilePayload("IMG_" + i + ".jpg", "image/jpeg", undrawable);
			}
			page.locator("#photos").setInputFiles(files);
			Response answer = page.waitForResponse(r -> r.request().method().equals("POST"),
					() -> page.locator("#submit-appeal").click());
			org.assertj.core.api.Assertions.assertThat(answer.status()).isEqualTo(413);
			assertThat(page.locator("#too-large")).containsText("照片太大");
			assertThat(page.locator("#description")).hasValue("河边的护栏被冲坏了，请尽快修一下");
			assertThat(page.locator("#categoryCode")).hasValue("ROAD_LIGHTING");
			assertThat(page.locator("#locationText")).hasValue("二组河堤");
			assertThat(page.locator("#reporterName")).hasValue("李大姐");
			assertThat(page.locator("#phone")).hasValue("13912340003");
			assertThat(page.locator("#submit-appeal")).isEnabled();
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/qr-form-too-large-360.png")).setFullPage(true));
		}
	}

	private static double sum(List<Double> sizes) {
		synchronized (sizes) {
			return sizes.stream().mapToDouble(Double::doubleValue).sum();
		}
	}

	/** A phone-sized photo that compresses poorly, as a camera's does. */
	private static byte[] noisyJpeg(int width, int height) throws java.io.IOException {
		var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
		var random = new java.util.Random(42);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		var out = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(image, "jpg", out);
		return out.toByteArray();
	}

	/** What the dashboard says was received today on 高庙村第一网格, as the village cadre sees it. */
	private int received(String base, String dashboard) {
		try (BrowserContext cadre = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setLocale("zh-CN"))) {
			Page page = cadre.newPage();
			signIn(page, "gaomiao.cadre");
			page.navigate(dashboard);
			assertThat(page.locator("canvas").first()).isVisible();
			// the schematic map draws the grid's area
			assertThat(page.locator("#map-card svg .area path").first()).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/dashboard-desktop.png")));
			return Integer.parseInt(page.locator("#stat-received").textContent().strip());
		}
	}

}
