package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/**
 * Without a configured proxy nobody may say who the client is: X-Forwarded-For cannot buy a fresh rate limit for each
 * request, and X-Forwarded-Proto cannot make a plain request look secure.
 */
class ForwardedHeadersIgnoredIntegrationTests extends ForwardedClientSupport {

	@Test
	void a_client_naming_a_new_address_each_time_still_runs_out_of_its_own_tries() {
		int last = 0;
		for (int i = 0; i <= 30 && last != 429; i++) {
			last = track("198.51.100." + (i + 1));
		}
		assertThat(last).isEqualTo(429);
		// one more, under yet another name: still the same client
		assertThat(track(someAddress())).isEqualTo(429);
	}

	@Test
	void a_forwarded_https_from_a_stranger_does_not_make_the_request_secure() {
		HttpResponse<byte[]> page = get("/login", "X-Forwarded-Proto", "https");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(page.headers().allValues("Set-Cookie")).noneMatch(c -> c.contains("Secure"));
	}

}
