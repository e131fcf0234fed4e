package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.grassroots.ServedIntegrationTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Pages light on a rural connection: text compressed, scripts and styles under hashed URLs kept for a year, pages
 * with personal data never kept, and a favicon.
 */
class PageWeightIntegrationTests extends ServedIntegrationTestSupport {

	private static final String FORM = "/q/62079910020101";

	@Test
	void the_public_form_links_its_styles_and_script_under_hashed_urls_that_are_kept_for_a_year() {
		String page = text(get(FORM));
		String css = linked(page, "/css/grassroots-[0-9a-f]{32}\\.css");
		String bootstrap = linked(page, "/webjars/bootstrap/[^\"]*bootstrap\\.min-[0-9a-f]{32}\\.css");
		String script = linked(page, "/js/public-form-[0-9a-f]{32}\\.js");
		for (String asset : new String[] { css, bootstrap, script }) {
			HttpResponse<byte[]> response = get(asset);
			assertThat(response.statusCode()).as(asset).isEqualTo(200);
			String cacheControl = String.join(",", response.headers().allValues("Cache-Control"));
			assertThat(maxAge(cacheControl)).as(asset + " " + cacheControl).isGreaterThanOrEqualTo(31_536_000L);
			assertThat(cacheControl).contains("public").doesNotContain("no-store").doesNotContain("no-cache");
			assertThat(response.headers().firstValue("Pragma")).isEmpty();
		}
	}

	@Test
	void a_release_changes_the_url_an_old_hash_is_not_found_and_the_plain_url_is_revalidated() {
		String page = text(get(FORM));
		String css = linked(page, "/css/grassroots-[0-9a-f]{32}\\.css");
		assertThat(get(css.replaceAll("-[0-9a-f]{32}\\.", "-00000000000000000000000000000000.")).statusCode()).isEqualTo(404);
		HttpResponse<byte[]> plain = get("/css/grassroots.css");
		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(plain.headers().allValues("Cache-Control")).containsExactly("no-cache");
		String lastModified = plain.headers().firstValue("Last-Modified").orElseThrow();
		assertThat(get("/css/grassroots.css", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
	}

	@Test
	void pages_with_personal_data_are_not_kept_by_browsers_or_proxies() {
		HttpResponse<byte[]> form = get(FORM);
		assertThat(form.statusCode()).isEqualTo(200);
		String cacheControl = String.join(",", form.headers().allValues("Cache-Control"));
		assertThat(cacheControl).contains("no-store").doesNotContain("public").doesNotContain("max-age=31536000");
	}

	@Test
	void html_css_and_javascript_are_gzipped_when_the_browser_asks() {
		String page = text(get(FORM));
		String[][] cases = { { FORM, "码上响应" },
				{ linked(page, "/webjars/bootstrap/[^\"]*bootstrap\\.min-[0-9a-f]{32}\\.css"), ".btn{" },
				{ linked(page, "/js/public-form-[0-9a-f]{32}\\.js"), "MAX_SIDE" } };
		for (String[] c : cases) {
			HttpResponse<byte[]> zipped = get(c[0], "Accept-Encoding", "gzip");
			HttpResponse<byte[]> plain = get(c[0]);
			assertThat(zipped.headers().firstValue("Content-Encoding")).as(c[0]).hasValue("gzip");
			assertThat(plain.headers().firstValue("Content-Encoding")).as(c[0]).isEmpty();
			assertThat(zipped.body().length).as(c[0]).isLessThan(plain.body().length / 2);
			assertThat(text(zipped)).as(c[0]).contains(c[1]);
		}
	}

	@Test
	void the_favicon_is_the_party_red_mark_and_pages_link_it() {
		HttpResponse<byte[]> icon = get("/favicon.ico");
		assertThat(icon.statusCode()).isEqualTo(200);
		// an ICO file: reserved 0, type 1 (icon)
		assertThat(icon.body()).startsWith(0, 0, 1, 0);
		String page = text(get(FORM));
		String svg = linked(page, "/img/favicon-[0-9a-f]{32}\\.svg");
		assertThat(text(get(svg))).contains("#b7181d").contains("基");
		assertThat(page).containsPattern("rel=\"icon\" href=\"/favicon-[0-9a-f]{32}\\.ico\"");
	}

	@Test
	void the_public_form_loads_neither_the_map_library_nor_bootstraps_script_until_asked() {
		String page = text(get(FORM));
		assertThat(page).doesNotContain("<script src=\"/webjars/leaflet").doesNotContain("bootstrap.bundle")
			.doesNotContain("htmx.min").contains("data-leaflet-js=\"/webjars/leaflet/");
	}

	private static String linked(String page, String regex) {
		Matcher m = Pattern.compile("\"(" + regex + ")\"").matcher(page);
		assertThat(m.find()).as("the page links " + regex).isTrue();
		return m.group(1);
	}

	private static long maxAge(String cacheControl) {
		Matcher m = Pattern.compile("max-age=(\\d+)").matcher(cacheControl);
		return m.find() ? Long.parseLong(m.group(1)) : -1;
	}

}
