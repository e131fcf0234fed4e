package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A county that set its public address and its residents' language: every poster prints that address, whatever
 * host the request names, and the residents' pages speak that language. (An in-memory H2 of its own: these
 * settings make an application context apart from the other MockMvc tests'.)
 */
@TestPropertySource(properties = { "grassroots.public-base-url=https://jczz.qingshan.example.gov.cn/",
		"grassroots.public-locale=en",
		"spring.datasource.url=jdbc:h2:mem:grassroots-public-settings;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
		// on the PostgreSQL run too: H2's own user and migrations, not the PostgreSQL role and its callbacks
		"spring.datasource.username=sa", "spring.datasource.password=", "spring.flyway.user=sa", "spring.flyway.password=",
		"spring.flyway.locations=classpath:db/migration" })
class PublicSettingsIntegrationTests extends IntegrationTestSupport {

	private static final String URL = "https://jczz.qingshan.example.gov.cn/q/" + GAOMIAO_GRID1;

	@Test
	void the_poster_prints_the_configured_address_and_never_a_forged_host() throws Exception {
		for (String host : new String[] { "attacker.example", "127.0.0.1:8080", "192.168.1.20" }) {
			String html = mvc.perform(get("/qr/" + GAOMIAO_GRID1).header("Host", host).header("X-Forwarded-Host", "attacker.example")
				.with(as("gaomiao.cadre"))).andReturn().getResponse().getContentAsString();
			assertThat(html).as(host).contains(">" + URL + "<").doesNotContain("attacker").doesNotContain("poster-refused")
				.doesNotContain("poster-local-network");
			byte[] png = mvc.perform(get("/qr/" + GAOMIAO_GRID1 + ".png").header("Host", host).header("X-Forwarded-Host", "attacker.example")
				.with(as("gaomiao.cadre"))).andReturn().getResponse().getContentAsByteArray();
			var image = ImageIO.read(new ByteArrayInputStream(png));
			String printed = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText();
			assertThat(printed).as(host).isEqualTo(URL);
		}
	}

	@Test
	void the_residents_pages_speak_the_configured_language_and_staff_pages_still_follow_the_browser() throws Exception {
		assertThat(mvc.perform(get("/q/" + GAOMIAO_GRID1).header("Accept-Language", "zh-CN")).andReturn().getResponse().getContentAsString())
			.contains("<html lang=\"en\">").contains("Report a problem");
		assertThat(mvc.perform(get("/login").header("Accept-Language", "zh-CN")).andReturn().getResponse().getContentAsString())
			.contains("用户名");
	}

}
