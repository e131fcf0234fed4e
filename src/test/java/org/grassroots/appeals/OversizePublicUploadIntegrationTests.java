package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.grassroots.ServedIntegrationTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Five phone photos of 8 MB each on the public form, over the multipart limits: the resident gets the form back with
 * a message in their language and what they typed, not the server's bare 413 page.
 */
class OversizePublicUploadIntegrationTests extends ServedIntegrationTestSupport {

	private static final String FORM = "/q/62079910020101";

	@Test
	void an_oversize_upload_brings_the_form_back_with_what_was_typed_and_a_chinese_message() {
		HttpResponse<byte[]> response = postWithPhotos("zh-CN");
		String page = text(response);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(page).contains("照片太大，诉求还没有提交").contains("最多 5 张，每张不超过 5 MB");
		assertTyped(page);
		assertThat(page).doesNotContain("HTTP Status");
	}

	@Test
	void the_message_is_english_for_a_resident_who_chose_english() {
		HttpResponse<byte[]> response = postWithPhotos("en");
		assertThat(response.statusCode()).isEqualTo(413);
		String page = text(response);
		assertThat(page).contains("The photos were too large and the report was not sent");
		assertTyped(page);
	}

	@Test
	void nothing_was_taken_in_and_the_same_submission_key_comes_back() {
		String page = text(postWithPhotos("zh-CN"));
		// the form's idempotency key is kept, so that sending again cannot take the appeal in twice
		assertThat(page).contains("name=\"submissionKey\" value=\"" + lastKey + "\"");
		assertThat(jdbc.sql("select count(*) from appeals_appeal where submission_key = ?").param(lastKey).query(Long.class)
			.single()).isZero();
	}

	@org.springframework.beans.factory.annotation.Autowired
	private org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private String lastKey;

	private void assertTyped(String page) {
		assertThat(page).contains("三组路口的路灯不亮了，晚上很黑，老人走路摔倒过");
		assertThat(page).containsPattern("<option value=\"ROAD_LIGHTING\" selected=\"selected\"");
		assertThat(page).contains("value=\"三组路口东侧\"").contains("value=\"王大爷\"").contains("value=\"13912340077\"");
	}

	private HttpResponse<byte[]> postWithPhotos(String language) {
		String description = "三组路口的路灯不亮了，晚上很黑，老人走路摔倒过";
		// the public pages speak the county's language (zh-CN) until the resident switches: the switch, kept in a cookie
		String form = text(get(language.equals("en") ? FORM + "?lang=en" : FORM, "Accept-Language", language));
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("_csrf", field(form, "_csrf"));
		lastKey = field(form, "submissionKey");
		fields.put("submissionKey", lastKey);
		fields.put("categoryCode", "ROAD_LIGHTING");
		fields.put("description", description);
		fields.put("locationText", "三组路口东侧");
		fields.put("latitude", "");
		fields.put("longitude", "");
		String boundary = "----grassroots" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
				+ "\"\r\n\r\n" + value + "\r\n"));
		byte[] photo = new byte[8 * 1024 * 1024];
		photo[0] = (byte) 0xFF;
		photo[1] = (byte) 0xD8;
		for (int i = 1; i <= 5; i++) {
			write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"IMG_000" + i
					+ ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n");
			body.writeBytes(photo);
			write(body, "\r\n");
		}
		// in the page's order: the name and phone come after the photos
		write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"reporterName\"\r\n\r\n王大爷\r\n");
		write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"phone\"\r\n\r\n13912340077\r\n");
		write(body, "--" + boundary + "--\r\n");
		return send(HttpRequest.newBuilder(uri(FORM)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept-Language", language).header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String field(String page, String name) {
		Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
		assertThat(m.find()).as(name).isTrue();
		return m.group(1);
	}

}
