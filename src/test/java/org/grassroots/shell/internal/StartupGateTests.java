package org.grassroots.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Until start-up work is done, pages and the API say "starting" instead of failing a sign-in. */
class StartupGateTests {

	private final StartupGate gate = new StartupGate();

	private MockHttpServletResponse get(String path) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		new StartupGate.Gate(gate).doFilter(new MockHttpServletRequest("GET", path), response, chain);
		if (chain.getRequest() != null) {
			response.setStatus(299); // reached the application
		}
		return response;
	}

	@Test
	void before_ready_pages_reload_and_the_api_answers_503_with_retry_after() throws Exception {
		MockHttpServletResponse login = get("/login");
		assertThat(login.getStatus()).isEqualTo(503);
		assertThat(login.getHeader("Retry-After")).isEqualTo("5");
		assertThat(login.getContentAsString()).contains("系统正在启动").contains("http-equiv=\"refresh\"");
		MockHttpServletResponse api = get("/api/v1/appeals");
		assertThat(api.getStatus()).isEqualTo(503);
		assertThat(api.getContentType()).startsWith("application/problem+json");
		assertThat(get("/actuator/health").getStatus()).isEqualTo(299);
	}

	@Test
	void once_ready_everything_reaches_the_application() throws Exception {
		GenericApplicationContext context = new GenericApplicationContext();
		gate.on(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
		assertThat(get("/login").getStatus()).isEqualTo(299);
		assertThat(get("/api/v1/appeals").getStatus()).isEqualTo(299);
	}

}
