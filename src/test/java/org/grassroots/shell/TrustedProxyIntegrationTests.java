package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind the proxy named in {@code grassroots.security.trusted-proxies} (here 127.0.0.1, where the tests connect from),
 * every resident arrives from the proxy's address: the limits count the address the proxy forwards, so one resident
 * running out of tries leaves the others theirs; and a request that reached the proxy over TLS is secure (HSTS, the
 * session cookie's Secure flag).
 */
@TestPropertySource(properties = "grassroots.security.trusted-proxies=10.0.0.0/8, 127.0.0.1")
class TrustedProxyIntegrationTests extends ForwardedClientSupport {

	@Test
	void the_limits_count_the_client_the_proxy_names() {
		String busy = someAddress();
		int last = 0;
		for (int i = 0; i <= 30 && last != 429; i++) {
			last = track(busy);
		}
		assertThat(last).isEqualTo(429);
		String other = "198.51.100.77";
		assertThat(other).isNotEqualTo(busy);
		// looked up (an unknown code: 404), not refused
		assertThat(track(other)).isNotEqualTo(429);
		// a client cannot pose as another by putting a name of its own in front: the proxy appends the address it saw
		assertThat(track(other + ", " + busy)).isEqualTo(429);
	}

	@Test
	void a_request_that_came_to_the_proxy_over_tls_is_secure() {
		HttpResponse<byte[]> page = get("/login", "X-Forwarded-Proto", "https", "X-Forwarded-For", someAddress());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
		assertThat(page.headers().allValues("Set-Cookie")).isNotEmpty().allMatch(c -> c.contains("Secure"));
		HttpResponse<byte[]> plain = get("/login", "X-Forwarded-For", someAddress());
		assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

}
