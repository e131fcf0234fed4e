package org.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 销号 on a phone and at a desk: a township staff member requests the close-out of an item with its evidence and a photo
 * through the item's labelled form and is told it waits for approval; the township leader finds it on the 待批准 list
 * from the menu, sees the photo, approves it and is told so. Runs Debian's Chromium; nothing is downloaded.
 */
class PetitionCloseOutBrowserTests extends BrowserTestSupport {

	@Autowired
	private JdbcClient jdbc;

	private static byte[] photo() throws Exception {
		BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
		var g = image.createGraphics();
		g.setColor(new java.awt.Color(70, 130, 90));
		g.fillRect(0, 0, 320, 240);
		g.setColor(new java.awt.Color(200, 200, 210));
		g.fillRect(40, 150, 240, 40);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	@Test
	void staff_request_a_close_out_with_a_photo_on_a_phone_and_the_leader_approves_it_from_the_list() throws Exception {
		long[] open = jdbc.sql("""
				SELECT p.id, i.item_key FROM petitions_petition p JOIN petitions_item i ON i.petition_id = p.id
				WHERE p.region_path LIKE '%/620799100000/%' AND i.status = 'OPEN' ORDER BY p.id DESC, i.item_key LIMIT 1""")
			.query((rs, i) -> new long[] {rs.getLong(1), rs.getInt(2) + 1}).single();
		long id = open[0];
		long item = open[1];
		String evidence = "排水沟已疏通，村民代表现场验收签字";
		try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780).setDeviceScaleFactor(2)
			.setLocale("zh-CN").setIsMobile(true).setHasTouch(true))) {
			Page page = signIn(phone, "qinghe.staff");
			page.navigate("http://localhost:" + port + "/petitions/" + id);
			Locator form = page.locator("#step-request-" + item);
			form.locator("summary").click();
			form.getByLabel("办理结果与佐证").fill(evidence);
			form.getByLabel("佐证照片").setInputFiles(new FilePayload("现场.png", "image/png", photo()));
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/petition-request-360.png")).setFullPage(true));
			form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("申请销号")).click();
			assertThat(page.getByRole(AriaRole.STATUS)).hasText("第 " + item + " 项已申请销号（附照片 1 张），等待另一位领导批准。");
			assertThat(page.locator("#item-" + item + " img.thumb")).isVisible();
			// no right to approve: not offered
			assertThat(page.locator("#step-approve-" + item)).hasCount(0);
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/petition-requested-360.png")).setFullPage(true));
		}
		try (BrowserContext desk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860).setLocale("zh-CN"))) {
			Page page = signIn(desk, "qinghe.leader");
			page.locator("#sidenav").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("待批准销号")).click();
			assertThat(page.locator("h1")).containsText("待批准的销号申请");
			Locator request = page.locator("#approval-" + id + "-" + item);
			assertThat(request).containsText(evidence);
			assertThat(request.locator("img.thumb")).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/petition-approvals-desktop.png")));
			request.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("批准销号")).click();
			assertThat(page.getByRole(AriaRole.STATUS)).containsText("第 " + item + " 项已批准销号");
			assertThat(page.locator("#approval-" + id + "-" + item)).hasCount(0);
		}
	}

}
