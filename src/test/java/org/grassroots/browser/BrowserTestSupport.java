package org.grassroots.browser;

import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.grassroots.TestProfiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application on a random port and Debian's Chromium driven by Playwright (nothing is
 * downloaded; PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD is set by the build).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
abstract class BrowserTestSupport {

	static Playwright playwright;
	static Browser browser;

	@LocalServerPort
	int port;

	@BeforeAll
	static void launch() {
		// a service worker's own requests obey the context's offline switch only with this set (Chromium): without
		// it a test "offline" would still let the worker reach the server
		playwright = Playwright.create(new Playwright.CreateOptions()
			.setEnv(java.util.Map.of("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")));
		browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
			.setExecutablePath(Path.of(System.getProperty("grassroots.chromium", "/usr/bin/chromium")))
			.setHeadless(true)
			.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update")));
	}

	/** Signs in as a demo account through the sign-in form, as a person would, and waits to be let in. */
	protected void signIn(com.microsoft.playwright.Page page, String username) {
		page.navigate("http://localhost:" + port + "/login");
		page.getByLabel("用户名").fill(username);
		page.getByLabel("密码").fill("demo1234");
		page.locator("main button[type=submit]").click();
		page.waitForURL(url -> !url.contains("/login"));
	}

	/** A new page of the context, signed in as a demo account. */
	protected com.microsoft.playwright.Page signIn(com.microsoft.playwright.BrowserContext context, String username) {
		com.microsoft.playwright.Page page = context.newPage();
		signIn(page, username);
		return page;
	}

	@AfterAll
	static void close() {
		if (browser != null) {
			browser.close();
		}
		if (playwright != null) {
			playwright.close();
		}
	}

}
