package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.grassroots.ServedIntegrationTestSupport;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.TestPhotos;
import org.grassroots.shell.RateLimits;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A double tap on a weak signal, forty times over: copies of one submission (one submission key) sent at the same
 * moment to the served application all answer the one appeal's success page with its tracking code — never a 500,
 * never 429 — and count once against the client's and the phone's limits.
 */
class PublicFormConcurrentRetryIntegrationTests extends ServedIntegrationTestSupport {

	private static final String FORM = "/q/62079910020101";

	private static final int COPIES = 40;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private RateLimits limits;

	@Autowired
	private PersonalDataProtector protector;

	@Test
	void forty_copies_of_one_submission_at_once_all_answer_its_one_appeal_and_count_once() throws Exception {
		String form = text(get(FORM, "Accept-Language", "zh-CN"));
		String key = field(form, "submissionKey");
		String phone = "139" + String.format("%08d", System.nanoTime() % 100_000_000);
		String clientLimit = "qr-client:" + protector.lookupHash("client:127.0.0.1");
		int clientUsedBefore = limits.used(clientLimit, Duration.ofHours(1));
		// a photo to decode, so that the first copy is still at work while the others arrive
		byte[] photo = TestPhotos.png(1600, 1200, true);

		List<HttpResponse<byte[]>> answers = sendTogether(COPIES, () -> post(form, key, phone, "村口的路灯坏了三天了，晚上看不见路", photo));

		List<String> codes = new ArrayList<>();
		for (HttpResponse<byte[]> answer : answers) {
			String page = text(answer);
			assertThat(answer.statusCode()).as(page.length() > 400 ? page.substring(0, 400) : page).isEqualTo(200);
			codes.add(page.replaceAll("(?s).*id=\"tracking-code\">([A-Z0-9]+)<.*", "$1"));
		}
		assertThat(codes.get(0)).matches("[A-Z2-9]{10}");
		assertThat(codes).containsOnly(codes.get(0));
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal WHERE submission_key = ?", key)).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal WHERE tracking_code = ?", codes.get(0))).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM appeals_photo p JOIN appeals_appeal a ON a.id = p.appeal_id WHERE a.submission_key = ?",
				key)).isEqualTo(1);
		// one submission, counted once: the copies took no use of the limits (or gave back what they took)
		assertThat(limits.used("qr-phone:" + protector.lookupHashOfPhone(phone), Duration.ofHours(1))).isEqualTo(1);
		assertThat(limits.used(clientLimit, Duration.ofHours(1))).isEqualTo(clientUsedBefore + 1);
		assertThat(count("SELECT COUNT(*) FROM appeals_submission_claim WHERE submission_key = ?", key)).isZero();

		// a later retry is answered the same, still counting nothing
		HttpResponse<byte[]> later = post(form, key, phone, "村口的路灯坏了三天了，晚上看不见路", photo);
		assertThat(later.statusCode()).isEqualTo(200);
		assertThat(text(later)).contains("id=\"tracking-code\">" + codes.get(0) + "<");
		assertThat(limits.used("qr-phone:" + protector.lookupHashOfPhone(phone), Duration.ofHours(1))).isEqualTo(1);
	}

	@Test
	void copies_of_a_refused_submission_are_each_refused_and_nothing_is_kept() throws Exception {
		String form = text(get(FORM, "Accept-Language", "zh-CN"));
		String key = field(form, "submissionKey");
		String phone = "139" + String.format("%08d", System.nanoTime() % 100_000_000);

		// too short a description: the first copy is refused and lets go of the key; each copy is refused in turn
		List<HttpResponse<byte[]>> answers = sendTogether(4, () -> post(form, key, phone, "短", null));

		for (HttpResponse<byte[]> answer : answers) {
			assertThat(answer.statusCode()).isEqualTo(400);
			assertThat(text(answer)).contains("诉求内容须为 5 到 4000 字").contains("name=\"submissionKey\" value=\"" + key + "\"");
		}
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal WHERE submission_key = ?", key)).isZero();
		assertThat(count("SELECT COUNT(*) FROM appeals_submission_claim WHERE submission_key = ?", key)).isZero();
		// the key is free again: corrected, the same submission goes in
		HttpResponse<byte[]> corrected = post(form, key, phone, "村口的垃圾堆了一个星期了", null);
		assertThat(corrected.statusCode()).isEqualTo(200);
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal WHERE submission_key = ?", key)).isEqualTo(1);
	}

	/** The same request from as many threads, released together. */
	private static List<HttpResponse<byte[]>> sendTogether(int copies, java.util.function.Supplier<HttpResponse<byte[]>> request)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(copies);
		try {
			CountDownLatch ready = new CountDownLatch(copies);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<HttpResponse<byte[]>>> sent = new ArrayList<>();
			for (int i = 0; i < copies; i++) {
				sent.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					return request.get();
				}));
			}
			ready.await();
			go.countDown();
			List<HttpResponse<byte[]>> answers = new ArrayList<>();
			for (Future<HttpResponse<byte[]>> answer : sent) {
				answers.add(answer.get());
			}
			return answers;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private long count(String sql, Object... params) {
		var spec = jdbc.sql(sql);
		for (Object p : params) {
			spec = spec.param(p);
		}
		return spec.query(Long.class).single();
	}

	private HttpResponse<byte[]> post(String form, String key, String phone, String description, byte[] photo) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("_csrf", field(form, "_csrf"));
		fields.put("submissionKey", key);
		fields.put("categoryCode", "ROAD_LIGHTING");
		fields.put("description", description);
		fields.put("locationText", "村口");
		fields.put("reporterName", "李阿姨");
		fields.put("phone", phone);
		String boundary = "----grassroots" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
				+ "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
		if (photo != null) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"IMG_0001.png\"\r\n"
					+ "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.writeBytes(photo);
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(uri(FORM)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept-Language", "zh-CN").header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
	}

	private static String field(String page, String name) {
		Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
		assertThat(m.find()).as(name).isTrue();
		return m.group(1);
	}

}
