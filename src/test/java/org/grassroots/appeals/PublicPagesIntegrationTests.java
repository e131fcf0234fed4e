package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * The residents' pages have a layout of their own (the place's name, a language switch, nothing of the staff's) and
 * speak the county's language (zh-CN here) whatever the phone's language, until the resident switches.
 */
class PublicPagesIntegrationTests extends IntegrationTestSupport {

	private static final String FORM = "/q/" + GAOMIAO_GRID1;

	private MockHttpServletResponse perform(RequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse();
	}

	private String submit(String phone) throws Exception {
		return perform(multipart(FORM).param("submissionKey", UUID.randomUUID().toString()).param("categoryCode", "ENVIRONMENT")
			.param("description", "村口垃圾堆放多日无人清运").param("phone", phone).with(csrf()).with(request -> {
				request.setRemoteAddr("10.9.0.1");
				return request;
			})).getContentAsString();
	}

	@Test
	void an_english_phone_gets_the_form_in_the_county_language_and_the_switch_to_english_sticks() throws Exception {
		String form = perform(get(FORM).header("Accept-Language", "en-US,en;q=0.9")).getContentAsString();
		assertThat(form).contains("<html lang=\"zh-CN\">").contains("码上响应 · 反映诉求").doesNotContain("Report a problem")
			// the switch: 中文 is the current one, English a link back to this page
			.contains("<span lang=\"zh-CN\" aria-current=\"true\" id=\"lang-zh\">中文</span>")
			.contains("<a lang=\"en\" hreflang=\"en\" id=\"lang-en\" href=\"?lang=en\">English</a>");
		assertThat(perform(get("/t").header("Accept-Language", "en")).getContentAsString()).contains("查询办理进度");

		MockHttpServletResponse switched = perform(get(FORM).param("lang", "en").header("Accept-Language", "zh-CN"));
		Cookie choice = switched.getCookie("grassroots-lang");
		assertThat(choice).isNotNull();
		assertThat(choice.getValue()).isEqualTo("en");
		assertThat(choice.getMaxAge()).isGreaterThan(30 * 24 * 3600);
		assertThat(switched.getContentAsString()).contains("<html lang=\"en\">").contains("Report a problem").doesNotContain("反映诉求")
			.contains("<span lang=\"en\" aria-current=\"true\" id=\"lang-en\">English</span>");
		// the choice is kept: every public page, whatever the phone says
		for (String page : new String[] { FORM, "/t" }) {
			assertThat(perform(get(page).cookie(choice).header("Accept-Language", "zh-CN")).getContentAsString()).as(page)
				.contains("<html lang=\"en\">");
		}
		// and switched back
		MockHttpServletResponse back = perform(get(FORM).param("lang", "zh_CN").cookie(choice).header("Accept-Language", "en"));
		assertThat(back.getCookie("grassroots-lang").getValue()).isEqualTo("zh-CN");
		assertThat(back.getContentAsString()).contains("码上响应 · 反映诉求");
	}

	@Test
	void a_resident_who_chose_english_gets_field_messages_and_the_done_page_in_english() throws Exception {
		String done = perform(multipart(FORM).param("submissionKey", UUID.randomUUID().toString()).param("categoryCode", "ENVIRONMENT")
			.param("description", "The rubbish at the village entrance has not been taken away").param("phone", "13700009911")
			.cookie(new Cookie("grassroots-lang", "en")).with(csrf()).with(request -> {
				request.setRemoteAddr("10.9.0.2");
				return request;
			})).getContentAsString();
		assertThat(done).contains("We have your appeal");
		String code = done.replaceAll("(?s).*id=\"tracking-code\">([A-Z0-9]+)<.*", "$1");
		// on a page that answered a form, the switch leads to the appeal's tracking page rather than a fresh form
		assertThat(done).contains("href=\"/t?code=" + code + "&amp;lang=zh_CN\">中文</a>");
	}

	@Test
	void staff_pages_keep_following_the_browser() throws Exception {
		assertThat(perform(get("/login").header("Accept-Language", "en")).getContentAsString()).contains("Username");
		assertThat(perform(get("/").with(as("gaomiao.cadre")).header("Accept-Language", "en")).getContentAsString()).contains("Households");
		assertThat(perform(get("/").with(as("gaomiao.cadre"))).getContentAsString()).contains("<html lang=\"zh-CN\">");
	}

	@Test
	void no_public_page_carries_the_staff_navigation_a_sign_in_link_or_the_staff_scripts() throws Exception {
		String done = submit("13700009922");
		String code = done.replaceAll("(?s).*id=\"tracking-code\">([A-Z0-9]+)<.*", "$1");
		List<String> pages = new ArrayList<>();
		pages.add(perform(get(FORM)).getContentAsString());
		pages.add(done);
		pages.add(perform(get("/t").param("code", code)).getContentAsString());
		pages.add(perform(post("/t").param("code", code).param("phone4", "9922").with(csrf())).getContentAsString());
		pages.add(perform(post("/t").param("code", code).param("phone4", "0000").with(csrf())).getContentAsString());
		MockHttpServletResponse missing = perform(get("/q/" + GAOMIAO.substring(0, 9) + "000"));
		assertThat(missing.getStatus()).isEqualTo(404);
		pages.add(missing.getContentAsString());
		// a cadre signed in on the same phone sees the residents' page as residents do
		pages.add(perform(get(FORM).with(as("gaomiao.cadre"))).getContentAsString());
		for (String page : pages) {
			assertThat(page).contains("id=\"public-header\"").contains("id=\"lang-en\"")
				.doesNotContain("href=\"/\"").doesNotContain("/login").doesNotContain("/logout").doesNotContain("sidenav")
				.doesNotContain("navbar").doesNotContain("htmx").doesNotContain("bootstrap.bundle").doesNotContain("/js/grassroots")
				.doesNotContain("_csrf_header").doesNotContain("gaomiao.cadre").doesNotContain("基层智治");
		}
		// the header names the place: the village, with its county and township above it
		assertThat(pages.get(0)).containsPattern("class=\"public-above\">青山县 · 清河镇<")
			.containsPattern("class=\"public-place\">高庙村<").contains(">第一网格<");
		assertThat(pages.get(3)).containsPattern("class=\"public-place\">高庙村<");
		// before an appeal is found, the county
		assertThat(pages.get(2)).containsPattern("class=\"public-place\">青山县<");
		assertThat(pages.get(5)).contains("这个二维码已失效").containsPattern("class=\"public-place\">青山县<");
	}

}
