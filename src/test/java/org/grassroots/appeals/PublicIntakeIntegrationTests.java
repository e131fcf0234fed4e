package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** 码上响应: residents appeal without signing in, idempotently and within limits, and follow it. */
class PublicIntakeIntegrationTests extends IntegrationTestSupport {

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private MockMultipartHttpServletRequestBuilder form(String key, String phone) {
		return (MockMultipartHttpServletRequestBuilder) multipart("/q/" + GAOMIAO_GRID1).param("submissionKey", key)
			.param("categoryCode", "ENVIRONMENT").param("description", "村口垃圾堆放多日无人清运").param("phone", phone)
			.with(csrf());
	}

	/** The signed token the tracking page puts in its rating form. */
	static String rateToken(String page) {
		return page.replaceAll("(?s).*name=\"token\" value=\"([0-9a-f.]+)\".*", "$1");
	}

	private String trackingCodeIn(String page) {
		return page.replaceAll("(?s).*id=\"tracking-code\">([A-Z0-9]+)<.*", "$1");
	}

	@Test
	void a_resident_appeals_without_signing_in_and_a_retry_stores_nothing_new() throws Exception {
		String page = mvc.perform(get("/q/" + GAOMIAO_GRID1)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String key = page.replaceAll("(?s).*name=\"submissionKey\" value=\"([^\"]+)\".*", "$1");
		assertThat(key).matches("[0-9a-f-]{36}");
		String done = mvc.perform(form(key, "13700002222").with(from("10.1.0.1"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		String code = trackingCodeIn(done);
		assertThat(code).matches("[A-Z2-9]{10}");
		long appeals = count("SELECT COUNT(*) FROM appeals_appeal");
		String again = mvc.perform(form(key, "13700002222").with(from("10.1.0.1"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(trackingCodeIn(again)).isEqualTo(code);
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal")).isEqualTo(appeals);
		assertThat(jdbc.sql("SELECT channel || ' ' || submitted_by || ' ' || region_path FROM appeals_appeal WHERE tracking_code = ?")
			.param(code).query(String.class).single()).isEqualTo("QR public /620799000000/620799100000/" + GAOMIAO + "/" + GAOMIAO_GRID1 + "/");
		assertThat(page).contains("id=\"pin-map\"");
		String pinned = mvc.perform(form(UUID.randomUUID().toString(), "13700002229").param("latitude", "38.981234").param("longitude", "100.961234")
			.with(from("10.1.0.1"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(jdbc.sql("SELECT latitude || ',' || longitude FROM appeals_appeal WHERE tracking_code = ?").param(trackingCodeIn(pinned))
			.query(String.class).single()).isEqualTo("38.981234,100.961234");
		// without the form's CSRF token nothing is accepted
		mvc.perform(multipart("/q/" + GAOMIAO_GRID1).param("submissionKey", UUID.randomUUID().toString())
			.param("categoryCode", "ENVIRONMENT").param("description", "没有令牌的提交").param("phone", "13700002223"))
			.andExpect(status().isForbidden());
	}

	@Test
	void bad_input_is_named_field_by_field_and_the_form_keeps_what_was_typed() throws Exception {
		mvc.perform(multipart("/q/" + GAOMIAO_GRID1).param("submissionKey", UUID.randomUUID().toString())
			.param("categoryCode", "").param("description", "短").param("phone", "12345").with(csrf()).with(from("10.1.0.2")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("请选择有效的类别")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("诉求内容须为 5 到 4000 字")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("电话号码格式不正确")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"12345\"")));
		mvc.perform(get("/q/" + GAOMIAO.substring(0, 9) + "000")).andExpect(status().isNotFound());
	}

	@Test
	void forty_submissions_at_once_from_one_client_pass_exactly_its_twenty_of_the_hour() throws Exception {
		long before = count("SELECT COUNT(*) FROM appeals_appeal");
		var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
		try {
			List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
			for (int i = 0; i < 40; i++) {
				String phone = String.format("1360000%04d", i);
				answers.add(pool.submit(() -> mvc.perform(form(UUID.randomUUID().toString(), phone).with(from("10.9.9.9")))
					.andReturn().getResponse().getStatus()));
			}
			int accepted = 0;
			for (var answer : answers) {
				int status = answer.get();
				assertThat(status).isIn(200, 429);
				accepted += status == 200 ? 1 : 0;
			}
			assertThat(accepted).isEqualTo(20);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal")).isEqualTo(before + 20);
	}

	@Test
	void a_tracking_code_takes_ten_tries_an_hour_so_its_four_digits_cannot_be_guessed() throws Exception {
		String code = trackingCodeIn(mvc.perform(form(UUID.randomUUID().toString(), "13700007777").with(from("10.9.8.1")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		// at the start of an hour, so that the ten tries (and their growing waits, 511 s in all) fall in one window
		java.time.Instant hour = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(java.time.Duration.ofHours(1));
		clock.travelTo(hour.plusSeconds(1));
		for (int i = 0; i < 10; i++) {
			mvc.perform(post("/t").param("code", code).param("phone4", String.format("%04d", i)).with(csrf()).with(from("10.9.8." + (10 + i))))
				.andExpect(status().isNotFound());
			// each failure makes the code wait twice as long (1 s, 2 s, 4 s …) before its next try
			clock.travel(org.grassroots.shell.Backoff.delayAfter(i + 1));
		}
		// the eleventh, from yet another address and with the right digits, is refused without a look-up
		mvc.perform(post("/t").param("code", code).param("phone4", "7777").with(csrf()).with(from("10.9.8.99")))
			.andExpect(status().isTooManyRequests())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("too-many-tries")));
		// an hour on, the resident finds it
		clock.travelTo(hour.plus(java.time.Duration.ofMinutes(61)));
		mvc.perform(post("/t").param("code", code).param("phone4", "7777").with(csrf()).with(from("10.9.8.99")))
			.andExpect(status().isOk());
	}

	@Test
	void each_failed_try_makes_the_code_and_the_client_wait_longer_said_with_retry_after() throws Exception {
		String code = trackingCodeIn(mvc.perform(form(UUID.randomUUID().toString(), "13700008181").with(from("10.9.7.1")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		mvc.perform(post("/t").param("code", code).param("phone4", "0000").with(csrf()).with(from("10.9.7.2")))
			.andExpect(status().isNotFound());
		// at once again, from another client and with the right digits: the code waits a second, nothing is looked up
		mvc.perform(post("/t").param("code", code).param("phone4", "8181").with(csrf()).with(from("10.9.7.3")))
			.andExpect(status().isTooManyRequests())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().string("Retry-After", "1"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"backoff\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("请 1 秒后再试")))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("public-status"))));
		clock.travel(java.time.Duration.ofSeconds(1));
		mvc.perform(post("/t").param("code", code).param("phone4", "0001").with(csrf()).with(from("10.9.7.4")))
			.andExpect(status().isNotFound());
		// the second failure: two seconds, said in English to an English reader
		mvc.perform(post("/t").param("code", code).param("phone4", "8181").with(csrf()).with(from("10.9.7.3"))
			.param("lang", "en"))
			.andExpect(status().isTooManyRequests())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().string("Retry-After", "2"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("try again in 2 seconds")));
		clock.travel(java.time.Duration.ofSeconds(2));
		mvc.perform(post("/t").param("code", code).param("phone4", "8181").with(csrf()).with(from("10.9.7.3"))).andExpect(status().isOk());
		// found, the code starts afresh: the resident may look again at once
		mvc.perform(post("/t").param("code", code).param("phone4", "8181").with(csrf()).with(from("10.9.7.3"))).andExpect(status().isOk());
		// a client that failed waits too, whatever code it tries next
		mvc.perform(post("/t").param("code", "NOSUCH99").param("phone4", "1234").with(csrf()).with(from("10.9.7.9")))
			.andExpect(status().isNotFound());
		mvc.perform(post("/t").param("code", code).param("phone4", "8181").with(csrf()).with(from("10.9.7.9")))
			.andExpect(status().isTooManyRequests());
		// the waits are kept in the database (every node agrees), the keys hashed
		assertThat(count("SELECT COUNT(*) FROM shell_backoff WHERE bucket LIKE '%NOSUCH%'")).isZero();
		assertThat(count("SELECT COUNT(*) FROM shell_backoff")).isPositive();
	}

	@Test
	void a_rating_needs_the_fresh_token_of_the_tracking_page_and_not_satisfied_is_confirmed() throws Exception {
		String code = trackingCodeIn(mvc.perform(form(UUID.randomUUID().toString(), "13700008282").with(from("10.9.6.1")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		long id = count("SELECT id FROM appeals_appeal WHERE tracking_code = ?", code);
		mvc.perform(post("/appeals/" + id + "/accept").with(csrf()).with(as("gaomiao.grid1")).param("version", "0"));
		mvc.perform(post("/appeals/" + id + "/resolve").with(csrf()).with(as("gaomiao.grid1")).param("version", "1").param("note", "已处理"));
		// code and digits alone (what a guesser has) are not enough, and nothing is looked up: no way round the waits
		mvc.perform(post("/t/rate").param("code", code).param("phone4", "8282").param("version", "2").param("rating", "UNSATISFIED")
			.param("confirm", "yes").with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"rate-expired\"")))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("public-status"))));
		mvc.perform(post("/t/rate").param("code", code).param("phone4", "8282").param("version", "2").param("rating", "UNSATISFIED")
			.param("token", id + ".9999999999.abc").param("confirm", "yes").with(csrf())).andExpect(status().isBadRequest());
		String shown = mvc.perform(post("/t").param("code", code).param("phone4", "8282").with(csrf()).with(from("10.9.6.2")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String token = rateToken(shown);
		assertThat(token).startsWith(id + ".");
		// a token is for its own appeal only
		mvc.perform(post("/t/rate").param("code", code).param("phone4", "8282").param("version", "2").param("rating", "SATISFIED")
			.param("token", (id + 1) + token.substring(token.indexOf('.'))).with(csrf())).andExpect(status().isBadRequest());
		// 不满意 is asked once more; nothing changes until it is confirmed
		String asked = mvc.perform(post("/t/rate").param("code", code).param("phone4", "8282").param("version", "2").param("token", token)
			.param("rating", "UNSATISFIED").param("reason", "还没修好").with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(asked).contains("id=\"rate-confirm\"").contains("确认不满意").contains("还没修好");
		assertThat(jdbc.sql("SELECT status FROM appeals_appeal WHERE id = ?").param(id).query(String.class).single()).isEqualTo("RESOLVED");
		// a quarter of an hour on, the token is stale
		clock.travel(java.time.Duration.ofMinutes(16));
		mvc.perform(post("/t/rate").param("code", code).param("phone4", "8282").param("version", "2").param("token", rateToken(asked))
			.param("rating", "UNSATISFIED").param("reason", "还没修好").param("confirm", "yes").with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("请重新输入查询码")));
		assertThat(jdbc.sql("SELECT status FROM appeals_appeal WHERE id = ?").param(id).query(String.class).single()).isEqualTo("RESOLVED");
		// looked up again, and confirmed at once: sent back
		String again = mvc.perform(post("/t").param("code", code).param("phone4", "8282").with(csrf()).with(from("10.9.6.2")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		mvc.perform(post("/t/rate").param("code", code).param("phone4", "8282").param("version", "2").param("token", rateToken(again))
			.param("rating", "UNSATISFIED").param("reason", "还没修好").param("confirm", "yes").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("诉求已退回重新办理")));
		assertThat(jdbc.sql("SELECT status || ' ' || reopen_count FROM appeals_appeal WHERE id = ?").param(id).query(String.class).single())
			.isEqualTo("IN_PROGRESS 1");
	}

	@Test
	void one_phone_may_send_five_appeals_an_hour() throws Exception {
		for (int i = 0; i < 5; i++) {
			mvc.perform(form(UUID.randomUUID().toString(), "13700003333").with(from("10.1.0.3"))).andExpect(status().isOk());
		}
		long before = count("SELECT COUNT(*) FROM appeals_appeal");
		mvc.perform(form(UUID.randomUUID().toString(), "13700003333").with(from("10.1.0.4")))
			.andExpect(status().isTooManyRequests())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("提交过于频繁")));
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal")).isEqualTo(before);
	}

	@Test
	void photos_are_checked_by_content_and_stored_without_their_metadata() throws Exception {
		String key = UUID.randomUUID().toString();
		mvc.perform(form(key, "13700004444").file(new MockMultipartFile("photos", "fake.jpg", "image/jpeg", "not an image".getBytes()))
			.with(from("10.1.0.5")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("照片须为 JPEG、PNG 或 WebP")));
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal WHERE submission_key = ?", key)).isZero();
		byte[] jpeg = jpegWithGpsExif();
		assertThat(new String(jpeg, StandardCharsets.ISO_8859_1)).contains("Exif").contains("GPS 38.97N");
		String done = mvc.perform(form(key, "13700004444").file(new MockMultipartFile("photos", "p.jpg", "image/jpeg", jpeg))
			.with(from("10.1.0.5"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		long appeal = count("SELECT id FROM appeals_appeal WHERE tracking_code = ?", trackingCodeIn(done));
		byte[] stored = jdbc.sql("SELECT bytes FROM appeals_photo WHERE appeal_id = ?").param(appeal).query(byte[].class).single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Exif").doesNotContain("GPS");
		assertThat(ImageIO.read(new ByteArrayInputStream(stored)).getWidth()).isEqualTo(40);
		// staff of the village see it; others do not
		mvc.perform(get("/appeals/" + appeal).with(as("gaomiao.cadre")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/appeals/" + appeal + "/photos/")));
		long photo = count("SELECT id FROM appeals_photo WHERE appeal_id = ?", appeal);
		mvc.perform(get("/appeals/" + appeal + "/photos/" + photo).with(as("gaomiao.cadre"))).andExpect(status().isOk());
		mvc.perform(get("/appeals/" + appeal + "/photos/" + photo).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/appeals/" + appeal + "/photos/" + photo)).andExpect(status().is3xxRedirection());
	}

	@Test
	void a_resident_not_satisfied_says_why_and_is_told_plainly_that_it_went_back() throws Exception {
		String done = mvc.perform(form(UUID.randomUUID().toString(), "13700005566").with(from("10.1.0.16")))
			.andReturn().getResponse().getContentAsString();
		String code = trackingCodeIn(done);
		long id = count("SELECT id FROM appeals_appeal WHERE tracking_code = ?", code);
		mvc.perform(post("/appeals/" + id + "/accept").with(csrf()).with(as("gaomiao.grid1")).param("version", "0"));
		mvc.perform(post("/appeals/" + id + "/resolve").with(csrf()).with(as("gaomiao.grid1")).param("version", "1")
			.param("note", "已清运"));
		String token = rateToken(mvc.perform(post("/t").param("code", code).param("phone4", "5566").with(csrf()).with(from("10.1.0.16")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		String page = mvc.perform(post("/t/rate").param("code", code).param("phone4", "5566").param("version", "2").param("token", token)
			.param("confirm", "yes").param("rating", "UNSATISFIED").param("reason", "垃圾只清了一半，另一半还在河边").with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("诉求已退回重新办理").doesNotContain("谢谢您的评价");
		// the public timeline says it went back; the reason is for the people handling it
		assertThat(page.split("<li class=\"list-group-item small\"", -1)[page.split("<li class=\"list-group-item small\"", -1).length - 1])
			.contains("重新办理");
		assertThat(page).doesNotContain("另一半还在河边");
		assertThat(jdbc.sql("SELECT note FROM appeals_event WHERE appeal_id = ? AND action = 'REOPEN'").param(id).query(String.class)
			.single()).isEqualTo("垃圾只清了一半，另一半还在河边");
		assertThat(mvc.perform(get("/appeals/" + id).with(as("gaomiao.cadre"))).andReturn().getResponse().getContentAsString())
			.contains("垃圾只清了一半，另一半还在河边");
		assertThat(jdbc.sql("SELECT status || ' ' || rating || ' ' || reopen_count FROM appeals_appeal WHERE id = ?").param(id)
			.query(String.class).single()).isEqualTo("IN_PROGRESS UNSATISFIED 1");
	}

	@Test
	void the_resident_follows_the_appeal_with_code_and_phone_and_rates_the_result() throws Exception {
		String done = mvc.perform(form(UUID.randomUUID().toString(), "13700005555").with(from("10.1.0.6")))
			.andReturn().getResponse().getContentAsString();
		String code = trackingCodeIn(done);
		mvc.perform(post("/t").param("code", code).param("phone4", "0000").with(csrf()).with(from("10.1.0.6"))).andExpect(status().isNotFound());
		// a wrong try makes the next wait a second
		clock.travel(java.time.Duration.ofSeconds(1));
		mvc.perform(post("/t").param("code", code).param("phone4", "5555").with(csrf()).with(from("10.1.0.6")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("待签收")));
		long id = count("SELECT id FROM appeals_appeal WHERE tracking_code = ?", code);
		mvc.perform(post("/appeals/" + id + "/accept").with(csrf()).with(as("gaomiao.grid1")).param("version", "0"));
		mvc.perform(post("/appeals/" + id + "/resolve").with(csrf()).with(as("gaomiao.grid1")).param("version", "1")
			.param("note", "已清运并设置定点垃圾箱"));
		String shown = mvc.perform(post("/t").param("code", code).param("phone4", "5555").with(csrf()).with(from("10.1.0.6")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("已清运并设置定点垃圾箱")))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("gaomiao.grid1"))))
			.andReturn().getResponse().getContentAsString();
		String token = rateToken(shown);
		mvc.perform(post("/t/rate").param("code", code).param("phone4", "5555").param("version", "2").param("rating", "SATISFIED")
			.param("token", token).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("谢谢您的评价")));
		assertThat(jdbc.sql("SELECT status || ' ' || rating FROM appeals_appeal WHERE id = ?").param(id).query(String.class).single())
			.isEqualTo("CLOSED SATISFIED");
		// a wrong phone cannot rate
		mvc.perform(post("/t/rate").param("code", code).param("phone4", "1234").param("version", "3").param("rating", "UNSATISFIED")
			.param("token", token).param("confirm", "yes").with(csrf())).andExpect(status().isBadRequest());
		assertThat(count("SELECT reopen_count FROM appeals_appeal WHERE id = ?", id)).isZero();
	}

	@Test
	void staff_print_the_qr_code_of_their_own_villages_and_grids() throws Exception {
		// at an address residents' phones can open (QrPosterIntegrationTests: one they cannot is not printed)
		byte[] png = mvc.perform(get("/qr/" + GAOMIAO_GRID1 + ".png").header("Host", "jczz.qingshan.example.cn").with(as("gaomiao.cadre")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		String url = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText();
		assertThat(url).isEqualTo("http://jczz.qingshan.example.cn/q/" + GAOMIAO_GRID1);
		mvc.perform(get("/qr/" + GAOMIAO_GRID1).header("Host", "jczz.qingshan.example.cn").with(as("gaomiao.cadre")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("高庙村")));
		mvc.perform(get("/qr/" + GAOMIAO_GRID1 + ".png").with(as("xishang.cadre"))).andExpect(status().isNotFound());
	}

	/** A 40×30 JPEG with an APP1 Exif segment that names a GPS position. */
	private static byte[] jpegWithGpsExif() throws Exception {
		BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream plain = new ByteArrayOutputStream();
		ImageIO.write(image, "jpg", plain);
		byte[] jpeg = plain.toByteArray();
		byte[] payload = "Exif\0\0GPS 38.97N 100.96E camera X100".getBytes(StandardCharsets.ISO_8859_1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		out.write(0xFF);
		out.write(0xE1);
		int length = payload.length + 2;
		out.write(length >> 8);
		out.write(length & 0xFF);
		out.write(payload);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

}
