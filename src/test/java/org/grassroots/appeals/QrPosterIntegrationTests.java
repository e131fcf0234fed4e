package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The QR poster without a configured public address ({@code grassroots.public-base-url} unset, as in these tests): the
 * address the cadre used is printed only when a resident's phone can open it.
 */
class QrPosterIntegrationTests extends IntegrationTestSupport {

	private static final String POSTER = "/qr/" + GAOMIAO_GRID1;
	private static final String PNG = "/qr/" + GAOMIAO_GRID1 + ".png";

	private MockHttpServletResponse poster(String host, String language) throws Exception {
		return mvc.perform(get(POSTER).header("Host", host).header("Accept-Language", language).with(as("gaomiao.cadre")))
			.andReturn().getResponse();
	}

	private MockHttpServletResponse png(String host) throws Exception {
		return mvc.perform(get(PNG).header("Host", host).with(as("gaomiao.cadre"))).andReturn().getResponse();
	}

	private static String decode(byte[] png) throws Exception {
		var image = ImageIO.read(new ByteArrayInputStream(png));
		return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText();
	}

	@Test
	void a_cadre_on_this_machine_gets_no_qr_code_of_its_loopback_address_but_how_to_set_the_public_one() throws Exception {
		for (String host : new String[] { "localhost:8080", "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:8080" }) {
			MockHttpServletResponse page = poster(host, "zh-CN");
			assertThat(page.getStatus()).as(host).isEqualTo(200);
			String html = page.getContentAsString();
			assertThat(html).as(host).contains("id=\"poster-refused\"").contains("二维码没有生成")
				.contains("GRASSROOTS_PUBLIC_BASE_URL").contains("grassroots.public-base-url")
				// no code, and the address nowhere on the page
				.doesNotContain("<img").doesNotContain("/q/" + GAOMIAO_GRID1).doesNotContain(PNG);
			MockHttpServletResponse image = png(host);
			assertThat(image.getStatus()).as(host).isEqualTo(409);
			assertThat(image.getContentType()).startsWith("text/plain");
			assertThat(image.getContentAsString()).contains("GRASSROOTS_PUBLIC_BASE_URL").doesNotContain("/q/");
		}
		// the same in the cadre's English
		assertThat(poster("127.0.0.1:8080", "en").getContentAsString()).contains("No QR code: residents&#39; phones cannot open this address")
			.contains("You opened this system at 127.0.0.1").contains("resident&#39;s phone")
			.contains("the environment variable GRASSROOTS_PUBLIC_BASE_URL, or the property grassroots.public-base-url");
	}

	@Test
	void a_local_network_address_is_printed_with_a_warning_that_is_not_printed() throws Exception {
		String html = poster("192.168.1.20:8080", "zh-CN").getContentAsString();
		assertThat(html).contains("id=\"poster-local-network\"").contains("192.168.1.20 是局域网地址")
			.contains("GRASSROOTS_PUBLIC_BASE_URL").contains("http://192.168.1.20:8080/q/" + GAOMIAO_GRID1)
			.containsPattern("class=\"alert alert-warning text-start no-print\"[^>]*id=\"poster-local-network\"");
		MockHttpServletResponse image = png("192.168.1.20:8080");
		assertThat(image.getStatus()).isEqualTo(200);
		assertThat(decode(image.getContentAsByteArray())).isEqualTo("http://192.168.1.20:8080/q/" + GAOMIAO_GRID1);
	}

	@Test
	void an_address_phones_on_the_internet_open_is_printed_as_it_is() throws Exception {
		String html = poster("jczz.qingshan.example.cn", "zh-CN").getContentAsString();
		assertThat(html).doesNotContain("poster-local-network").doesNotContain("poster-refused")
			.contains("http://jczz.qingshan.example.cn/q/" + GAOMIAO_GRID1).contains("src=\"" + PNG + "\"");
		assertThat(decode(png("jczz.qingshan.example.cn").getContentAsByteArray())).isEqualTo("http://jczz.qingshan.example.cn/q/" + GAOMIAO_GRID1);
	}

	@Test
	void the_poster_is_still_for_staff_of_the_village_only() throws Exception {
		mvc.perform(get(POSTER).header("Host", "127.0.0.1")).andExpect(status().is3xxRedirection());
		mvc.perform(get(POSTER).header("Host", "127.0.0.1").with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get(PNG).header("Host", "127.0.0.1").with(as("xishang.cadre"))).andExpect(status().isNotFound());
	}

}
