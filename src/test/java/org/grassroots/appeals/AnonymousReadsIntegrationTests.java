package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A resident scanning a QR code or tracking an appeal is anonymous and creates no session: no SESSION cookie, no
 * row in the session table. Their forms are still protected: the form token sits in a SameSite cookie beside the
 * form's field, and a post without the pair is refused.
 */
class AnonymousReadsIntegrationTests extends IntegrationTestSupport {

	private static final String FORM = "/q/" + GAOMIAO_GRID1;

	@org.springframework.beans.factory.annotation.Autowired
	private org.springframework.security.web.csrf.CsrfTokenRepository formTokens;

	@org.springframework.beans.factory.annotation.Autowired
	private jakarta.servlet.ServletContext servletContext;

	/**
	 * Spring Security's test support swaps the form-token store of the shared application for one of its own the
	 * first time any test posts with {@code csrf()}; these tests are about the application's own store.
	 */
	@org.junit.jupiter.api.BeforeEach
	void theApplicationsOwnFormTokens() {
		org.springframework.security.test.web.support.WebTestUtils
			.setCsrfTokenRepository(new org.springframework.mock.web.MockHttpServletRequest(servletContext), formTokens);
	}

	private long sessions() {
		return count("SELECT COUNT(*) FROM SPRING_SESSION");
	}

	private static void noSession(MvcResult result) {
		assertThat(result.getResponse().getCookie("SESSION")).as("session cookie").isNull();
		assertThat(result.getRequest().getSession(false)).as("session").isNull();
	}

	private static String token(String page) {
		return page.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
	}

	@Test
	void reading_the_public_pages_creates_no_session() throws Exception {
		long before = sessions();
		for (String page : new String[] { FORM, "/t", "/open311/v2/services.json" }) {
			MvcResult read = mvc.perform(get(page)).andReturn();
			assertThat(read.getResponse().getStatus()).as(page).isEqualTo(200);
			noSession(read);
		}
		assertThat(sessions()).isEqualTo(before);
	}

	@Test
	void the_form_posts_with_its_cookie_and_field_and_is_refused_without_them() throws Exception {
		long before = sessions();
		MvcResult shown = mvc.perform(get(FORM)).andReturn();
		noSession(shown);
		Cookie formCookie = shown.getResponse().getCookie("grassroots-form");
		assertThat(formCookie).isNotNull();
		assertThat(formCookie.isHttpOnly()).isTrue();
		assertThat(formCookie.getAttribute("SameSite")).isEqualTo("Lax");
		String field = token(shown.getResponse().getContentAsString());
		assertThat(field).isNotBlank().doesNotContain("<");

		// a forged post (another site's form: no cookie, or a field that does not match it) is refused
		MockHttpServletResponse forged = mvc.perform(multipart(FORM).param("submissionKey", UUID.randomUUID().toString())
			.param("categoryCode", "ENVIRONMENT").param("description", "伪造的提交").param("_csrf", field)).andReturn().getResponse();
		assertThat(forged.getStatus()).isEqualTo(403);
		MockHttpServletResponse mismatched = mvc.perform(multipart(FORM).param("submissionKey", UUID.randomUUID().toString())
			.param("categoryCode", "ENVIRONMENT").param("description", "伪造的提交").param("_csrf", "not-the-token")
			.cookie(formCookie)).andReturn().getResponse();
		assertThat(mismatched.getStatus()).isEqualTo(403);

		MvcResult sent = mvc.perform(multipart(FORM).param("submissionKey", UUID.randomUUID().toString()).param("categoryCode", "ENVIRONMENT")
			.param("description", "村口垃圾堆放多日无人清运，请尽快处理").param("phone", "13700007711").param("_csrf", field).cookie(formCookie).with(request -> {
				request.setRemoteAddr("10.9.7.1");
				return request;
			})).andReturn();
		assertThat(sent.getResponse().getStatus()).isEqualTo(200);
		String done = sent.getResponse().getContentAsString();
		assertThat(done).contains("id=\"tracking-code\"");
		noSession(sent);

		// the tracking form on the same cookie
		String code = done.replaceAll("(?s).*id=\"tracking-code\">([A-Z0-9]+)<.*", "$1");
		MvcResult tracked = mvc.perform(get("/t").param("code", code).cookie(formCookie)).andReturn();
		noSession(tracked);
		assertThat(tracked.getResponse().getContentAsString()).contains(code);
		assertThat(mvc.perform(post("/t").param("code", code)).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(sessions()).isEqualTo(before);
	}

	@Test
	void signed_in_pages_keep_the_token_in_the_session() throws Exception {
		MvcResult page = mvc.perform(get("/appeals/new").with(as("gaomiao.cadre"))).andReturn();
		assertThat(page.getResponse().getStatus()).isEqualTo(200);
		assertThat(page.getResponse().getCookie("grassroots-form")).isNull();
	}

}
