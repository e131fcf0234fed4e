package org.grassroots.petitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.grassroots.ServedIntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A close-out request with photos through the real server (Tomcat, the CSRF token in the multipart body): a photo over
 * the limit is refused while it streams in, with a message in the reader's language, 413, and the evidence as typed;
 * nothing is requested. Photos within the limits go through.
 */
class CloseOutPhotoUploadIntegrationTests extends ServedIntegrationTestSupport {

	@Autowired
	private JdbcClient jdbc;

	private long petition;
	private int item;

	@BeforeEach
	void signInAndFindAnOpenItem() {
		String login = text(get("/login"));
		HttpResponse<byte[]> signedIn = send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=qinghe.staff&password=demo1234&_csrf="
					+ URLEncoder.encode(field(login, "_csrf"), StandardCharsets.UTF_8)))
			.build());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
		var open = jdbc.sql("""
				SELECT p.id, i.item_key FROM petitions_petition p JOIN petitions_item i ON i.petition_id = p.id
				WHERE p.region_path LIKE '%/620799100000/%' AND i.status = 'OPEN' ORDER BY p.id DESC, i.item_key LIMIT 1""")
			.query((rs, i) -> new long[] {rs.getLong(1), rs.getInt(2)}).single();
		petition = open[0];
		item = (int) open[1] + 1;
	}

	@Test
	void a_photo_over_the_limit_is_refused_with_a_clear_message_and_the_evidence_as_typed() {
		String evidence = "排水沟已疏通，附现场照片" + System.nanoTime();
		byte[] large = new byte[6 * 1024 * 1024];
		large[0] = (byte) 0xFF;
		large[1] = (byte) 0xD8;
		large[2] = (byte) 0xFF;
		HttpResponse<byte[]> response = request(evidence, large, "zh-CN");
		String page = text(response);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(page).contains("第 1 张照片超过 5 MB，销号申请还没有提交").contains(">" + evidence + "</textarea>")
			.contains("id=\"photos-" + item + "-error\"").doesNotContain("HTTP Status");
		assertThat(text(request(evidence, large, "en"))).contains("Photo 1 is larger than 5 MB and the close-out was not requested");
		assertThat(jdbc.sql("SELECT status FROM petitions_item WHERE petition_id = ? AND item_key = ?").param(petition).param(item - 1)
			.query(String.class).single()).isEqualTo("OPEN");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM petitions_photo WHERE petition_id = ? AND item_key = ?").param(petition).param(item - 1)
			.query(Long.class).single()).isZero();
	}

	@Test
	void photos_within_the_limits_go_with_the_request() throws Exception {
		BufferedImage image = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(image, "png", png);
		HttpResponse<byte[]> response = request("排水沟已疏通，村民代表验收", png.toByteArray(), "zh-CN");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/petitions/" + petition);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM petitions_photo WHERE petition_id = ? AND item_key = ?").param(petition).param(item - 1)
			.query(Long.class).single()).isOne();
	}

	@Test
	void a_photo_claiming_too_many_pixels_is_refused_from_its_header_with_the_evidence_as_typed() {
		String evidence = "排水沟已疏通，照片见附件" + System.nanoTime();
		HttpResponse<byte[]> response = request(evidence, org.grassroots.privacy.TestPhotos.png(6000, 6000, true), "zh-CN");
		String page = text(response);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(page).contains("照片尺寸过大（6000×6000 像素），每张最多 25 百万像素").contains(">" + evidence + "</textarea>")
			.doesNotContain("HTTP Status");
		assertThat(jdbc.sql("SELECT status FROM petitions_item WHERE petition_id = ? AND item_key = ?").param(petition).param(item - 1)
			.query(String.class).single()).isEqualTo("OPEN");
	}

	private HttpResponse<byte[]> request(String evidence, byte[] photo, String language) {
		String page = text(get("/petitions/" + petition, "Accept-Language", language));
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("_csrf", meta(page, "_csrf"));
		fields.put("version", String.valueOf(jdbc.sql("SELECT version FROM petitions_petition WHERE id = ?").param(petition)
			.query(Integer.class).single()));
		fields.put("item", String.valueOf(item));
		fields.put("evidence", evidence);
		String boundary = "----closeout" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
				+ "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"IMG_0001.jpg\"\r\n"
				+ "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(photo);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(uri("/petitions/" + petition + "/request"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept-Language", language)
			.header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
	}

	private static String field(String page, String name) {
		Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
		assertThat(m.find()).as(name).isTrue();
		return m.group(1);
	}

	private static String meta(String page, String name) {
		Matcher m = Pattern.compile("<meta name=\"" + name + "\" content=\"([^\"]+)\"").matcher(page);
		assertThat(m.find()).as(name).isTrue();
		return m.group(1);
	}

}
