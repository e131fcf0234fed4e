package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.grassroots.ServedIntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tracking look-ups (30 a client an hour) sent as if through a proxy that names the client in X-Forwarded-For. */
abstract class ForwardedClientSupport extends ServedIntegrationTestSupport {

	@Autowired
	protected JdbcClient jdbc;

	private String csrf;

	/** A tracking look-up of a code that does not exist (a fresh one each time: the per-code limit stays out of it). */
	protected int track(String forwardedFor) {
		if (csrf == null) {
			Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(text(get("/t")));
			assertThat(m.find()).isTrue();
			csrf = m.group(1);
		}
		String code = "X" + Long.toString(System.nanoTime(), 36).toUpperCase();
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/t")).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("code=" + code + "&phone4=1234&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)));
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		HttpResponse<byte[]> response = send(request.build());
		return response.statusCode();
	}

	/** A documentation address (RFC 5737) of its own for each test run. */
	protected static String someAddress() {
		long n = System.nanoTime();
		return "203.0." + (113 + (int) (n % 2)) + "." + (1 + (int) ((n / 7) % 250));
	}

	/** The limits used here are the whole JVM's (one database): left as found. */
	@AfterEach
	void forgetTheLimits() {
		jdbc.sql("DELETE FROM shell_rate_limit").update();
	}

}
