package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.grassroots.ServedIntegrationTestSupport;
import org.grassroots.privacy.TestPhotos;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A 100 KB PNG claiming 6000×6000 pixels on the public QR form (it took ten seconds to decode): refused from its header
 * at once, with the form, what was typed and a message saying the size and the limit; never a 500, nothing taken in.
 */
class PhotoDimensionsIntegrationTests extends ServedIntegrationTestSupport {

	private static final String FORM = "/q/62079910020101";

	@Autowired
	private JdbcClient jdbc;

	@Test
	void a_photo_of_too_many_pixels_brings_the_form_back_with_a_message_at_once() {
		byte[] bomb = TestPhotos.png(6000, 6000, true);
		String form = text(get(FORM, "Accept-Language", "zh-CN"));
		String key = field(form, "submissionKey");
		long started = System.nanoTime();
		HttpResponse<byte[]> response = post(form, key, bomb, "zh-CN");
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		String page = text(response);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(page).contains("照片尺寸过大（6000×6000 像素），每张最多 25 百万像素").contains("村口的路灯坏了三天了")
			.doesNotContain("HTTP Status");
		assertThat(took).isLessThan(Duration.ofSeconds(3));
		assertThat(jdbc.sql("select count(*) from appeals_appeal where submission_key = ?").param(key).query(Long.class).single())
			.isZero();
	}

	@Test
	void the_message_is_english_for_a_resident_who_chose_english() {
		String form = text(get(FORM + "?lang=en", "Accept-Language", "en"));
		HttpResponse<byte[]> response = post(form, field(form, "submissionKey"), TestPhotos.png(6000, 6000, true), "en");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(text(response)).contains("The photo is too large (6000×6000 pixels); at most 25 megapixels each");
	}

	private HttpResponse<byte[]> post(String form, String key, byte[] photo, String language) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("_csrf", field(form, "_csrf"));
		fields.put("submissionKey", key);
		fields.put("categoryCode", "ROAD_LIGHTING");
		fields.put("description", "村口的路灯坏了三天了，晚上看不见路");
		fields.put("locationText", "村口");
		fields.put("reporterName", "李阿姨");
		fields.put("phone", "139" + String.format("%08d", System.nanoTime() % 100_000_000));
		String boundary = "----grassroots" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
				+ "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"IMG_0001.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(photo);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(uri(FORM)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept-Language", language).header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
	}

	private static String field(String page, String name) {
		Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
		assertThat(m.find()).as(name).isTrue();
		return m.group(1);
	}

}
