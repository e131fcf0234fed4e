package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import javax.sql.DataSource;

import org.grassroots.ServedIntegrationTestSupport;
import org.grassroots.access.CurrentUsers;
import org.grassroots.access.internal.ApiTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The database stops answering (every connection refused, or every request for one hanging) under a running server:
 * the API answers 503 problem details with Retry-After, Open311 its own error format, pages a short page in Chinese
 * — never a 500 and never Spring's default body — and the health check says DOWN at once, not after the pool's 30 s.
 * When the database is back, everything answers again.
 */
class DatabaseOutageIntegrationTests extends ServedIntegrationTestSupport {

	enum Mode {
		UP, REFUSED, HANGING,
		/** Refused only to the controllers (signing in and the session still work): the failure meets a handler. */
		IN_CONTROLLERS
	}

	static volatile Mode mode = Mode.UP;

	@TestConfiguration
	static class SwitchableDatabase {

		@Bean
		static BeanPostProcessor switchableDataSource() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (!(bean instanceof DataSource real) || !name.equals("dataSource")) {
						return bean;
					}
					return Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
							(proxy, method, args) -> {
								if (method.getName().equals("getConnection")) {
									if (mode == Mode.HANGING) {
										Thread.sleep(10_000);
									}
									if (mode == Mode.IN_CONTROLLERS && StackWalker.getInstance().walk(frames -> frames
										.noneMatch(f -> f.getClassName().contains(".web.")))) {
										return method.invoke(real, args);
									}
									if (mode != Mode.UP) {
										throw new SQLTransientConnectionException("test: the database is not answering");
									}
								}
								try {
									return method.invoke(real, args);
								}
								catch (java.lang.reflect.InvocationTargetException e) {
									throw e.getCause();
								}
							});
				}
			};
		}

	}

	@Autowired
	private ApiTokens tokens;

	@Autowired
	private UserDetailsService accounts;

	@AfterEach
	void databaseBack() {
		mode = Mode.UP;
	}

	@Test
	void api_open311_and_pages_answer_503_with_retry_after_while_the_database_is_down_and_work_again_after() throws Exception {
		String token = tokens.issue(((CurrentUsers.HasCurrentUser) accounts.loadUserByUsername("qinghe.staff")).currentUser(),
				"outage test", null);
		signIn("qinghe.staff");
		assertThat(get("/api/v1/appeals?size=1", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);

		mode = Mode.REFUSED;
		HttpResponse<byte[]> api = get("/api/v1/appeals?size=1", "Authorization", "Bearer " + token);
		assertThat(api.statusCode()).isEqualTo(503);
		assertThat(api.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(text(api)).contains("\"status\":503").contains("数据库暂时没有响应");
		assertThat(text(get("/api/v1/appeals?size=1", "Authorization", "Bearer " + token, "Accept-Language", "en")))
			.contains("The database is not answering");

		HttpResponse<byte[]> open311 = get("/open311/v2/requests.json");
		assertThat(open311.statusCode()).isEqualTo(503);
		assertThat(open311.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(text(open311)).startsWith("[{\"code\":503,\"description\":");

		HttpResponse<byte[]> page = get("/appeals");
		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(text(page)).contains("服务暂时不可用").doesNotContain("Whitelabel").doesNotContain("Exception");

		mode = Mode.UP;
		assertThat(get("/api/v1/appeals?size=1", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		assertThat(get("/appeals").statusCode()).isEqualTo(200);
	}

	@Test
	void a_controller_meeting_the_outage_answers_503_too() throws Exception {
		String token = tokens.issue(((CurrentUsers.HasCurrentUser) accounts.loadUserByUsername("qinghe.staff")).currentUser(),
				"outage test", null);
		signIn("qinghe.staff");
		mode = Mode.IN_CONTROLLERS;
		HttpResponse<byte[]> api = get("/api/v1/appeals?size=1", "Authorization", "Bearer " + token);
		assertThat(api.statusCode()).isEqualTo(503);
		assertThat(api.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(text(api)).contains("database-unavailable").contains("数据库暂时没有响应");
		HttpResponse<byte[]> open311 = get("/open311/v2/requests.json");
		assertThat(open311.statusCode()).isEqualTo(503);
		assertThat(open311.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(text(open311)).startsWith("[{\"code\":503,");
		HttpResponse<byte[]> page = get("/appeals");
		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(text(page)).contains("服务暂时不可用");
	}

	@Test
	void health_says_down_at_once_while_every_connection_hangs() {
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		mode = Mode.HANGING;
		long started = System.nanoTime();
		HttpResponse<byte[]> health = get("/actuator/health");
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat(text(health)).contains("DOWN");
		// the connection would have hung for 10 s; the check gives it one second
		assertThat(took).isLessThan(Duration.ofSeconds(8));
		// checks still hanging are not stacked up: another answers DOWN as well
		assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
	}

	/** Signs in on this test's client, which keeps the session cookie. */
	private void signIn(String username) {
		String login = text(get("/login"));
		HttpResponse<byte[]> signedIn = send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=demo1234&_csrf="
					+ URLEncoder.encode(login.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1"), StandardCharsets.UTF_8)))
			.build());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
	}

}
