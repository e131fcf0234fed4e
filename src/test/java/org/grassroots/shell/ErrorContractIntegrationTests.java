package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.grassroots.ApiOperations;
import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 19: one error contract. Walks every operation of {@code /v3/api-docs} with malformed JSON, values of the
 * wrong type, unknown enum values, malformed dates, hex and negative ids, and asserts each answer is a problem detail
 * (400/404/422, never 500) in the caller's language, naming the field that was wrong.
 */
class ErrorContractIntegrationTests extends IntegrationTestSupport {

	private static final String ADMIN = "county.staff";

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<String> failures = new ArrayList<>();

	private int requests;

	@Test
	void every_operation_answers_bad_input_with_a_problem_detail_naming_the_field() throws Exception {
		JsonNode docs = json.readTree(mvc.perform(get("/v3/api-docs").with(as(ADMIN))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
		Map<String, JsonNode> operations = ApiOperations.of(docs);
		assertThat(operations).hasSizeGreaterThan(60);
		for (var entry : operations.entrySet()) {
			String key = entry.getKey();
			HttpMethod method = HttpMethod.valueOf(key.substring(0, key.indexOf(' ')));
			String template = key.substring(key.indexOf(' ') + 1);
			JsonNode op = entry.getValue();
			// ids in the path: hex and negative are refused, never read as another record
			for (JsonNode parameter : op.path("parameters")) {
				if (!parameter.path("in").asString().equals("path")) {
					continue;
				}
				String type = parameter.path("schema").path("type").asString();
				if (type.equals("integer")) {
					String name = parameter.path("name").asString();
					for (String bad : List.of("0x10", "-1")) {
						check(key + " " + name + "=" + bad, call(method, fill(template, name, bad), null), name);
					}
				}
			}
			String path = fill(template, null, null);
			// query parameters of the wrong kind
			for (JsonNode parameter : op.path("parameters")) {
				if (!parameter.path("in").asString().equals("query")) {
					continue;
				}
				String bad = wrongValue(docs, parameter.path("schema"));
				if (bad != null) {
					String name = parameter.path("name").asString();
					check(key + " ?" + name + "=" + bad, call(method, path + "?" + name + "=" + bad, null), name);
				}
			}
			// bodies: not JSON at all, then a field of the wrong kind
			JsonNode body = op.path("requestBody").path("content").path("application/json").path("schema");
			if (!body.isMissingNode()) {
				check(key + " malformed", call(method, path, "{\"x\": "), "body");
				JsonNode schema = ApiOperations.schema(docs, body);
				if (schema != null) {
					schema.path("properties").properties().forEach(property -> {
						String bad = wrongValue(docs, property.getValue());
						if (bad != null && !bad.equals("\"\"")) {
							try {
								String doc = "{\"" + property.getKey() + "\": " + jsonValue(bad) + "}";
								check(key + " body " + property.getKey() + "=" + bad, call(method, path, doc), property.getKey());
							}
							catch (Exception ex) {
								failures.add(key + " " + property.getKey() + ": " + ex);
							}
						}
					});
				}
			}
		}
		assertThat(failures).as("answers outside the contract, of %d requests", requests).isEmpty();
		assertThat(requests).as("requests sent").isGreaterThan(150);
	}

	@Test
	void english_callers_read_english_and_the_field_and_what_was_expected_are_named() throws Exception {
		mvc.perform(post("/api/v1/households").with(as(ADMIN)).with(csrf()).header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON).content("{\"address\": \"x\", \"status\": \"NOPE\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid input"))
			.andExpect(jsonPath("$.errors[0].field").value("status"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("Expected one of: ")));
		mvc.perform(post("/api/v1/households").with(as(ADMIN)).with(csrf()).header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON).content("{\"address\": "))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("The request body is not valid JSON"));
		mvc.perform(post("/api/v1/households").with(as(ADMIN)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"latitude\": \"north\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("latitude"))
			.andExpect(jsonPath("$.errors[0].message").value("应为数字"));
	}

	@Test
	void hex_ids_do_not_resolve_and_unknown_ids_are_a_404_problem() throws Exception {
		long appeal = jdbc.sql("SELECT MIN(id) FROM appeals_appeal").query(Long.class).single();
		mvc.perform(get("/api/v1/appeals/" + appeal).with(as(ADMIN))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/appeals/0x" + Long.toHexString(appeal)).with(as(ADMIN)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("id"))
			.andExpect(jsonPath("$.errors[0].message").value("应为十进制整数"));
		mvc.perform(post("/api/v1/assignments/0x10/end").with(as(ADMIN)).with(csrf()))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/appeals/987654321").with(as(ADMIN)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("未找到"))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.timestamp").doesNotExist());
		mvc.perform(get("/api/v1/no-such-thing").with(as(ADMIN)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void an_html_request_for_an_unknown_id_gets_the_chinese_error_page() throws Exception {
		mvc.perform(get("/appeals/987654321").with(as(ADMIN)).accept(MediaType.TEXT_HTML))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("未找到")));
	}

	@Test
	void a_browser_form_with_a_malformed_value_gets_an_html_page_not_problem_json() throws Exception {
		mvc.perform(post("/q/" + GAOMIAO).with(csrf()).accept(MediaType.TEXT_HTML).param("latitude", "north")
			.param("description", "路灯坏了"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("出错了")));
	}

	@Test
	void a_malformed_period_is_refused_not_read_as_this_month() throws Exception {
		mvc.perform(get("/api/v1/coverage").param("period", "not-a-date").with(as(ADMIN)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("period"));
		mvc.perform(get("/api/v1/coverage").param("from", "2026-02-30").with(as(ADMIN)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"));
		mvc.perform(get("/api/v1/coverage").param("period", "2026-11").with(as(ADMIN))).andExpect(status().isOk());
	}

	@Test
	void an_update_without_its_version_is_refused() throws Exception {
		long household = householdIdIn(GAOMIAO);
		String before = jdbc.sql("SELECT address FROM registry_household WHERE id = ?").param(household).query(String.class).single();
		mvc.perform(put("/api/v1/households/" + household).with(as(ADMIN)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"regionCode\": \"" + GAOMIAO_GRID1 + "\", \"address\": \"无版本\", \"status\": \"RESIDENT\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("version"));
		assertThat(jdbc.sql("SELECT address FROM registry_household WHERE id = ?").param(household).query(String.class).single())
			.isEqualTo(before);
	}

	@Test
	void open311_refuses_coordinates_that_are_not_finite_or_out_of_range() throws Exception {
		for (String[] latLong : List.of(new String[] {"NaN", "105"}, new String[] {"38.9", "Infinity"},
				new String[] {"999", "105"}, new String[] {"38.9", "-181"})) {
			mvc.perform(post("/open311/v2/requests.json").param("api_key", "demo-open311-key").param("service_code", "ENVIRONMENT")
				.param("description", "坐标不对").param("lat", latLong[0]).param("long", latLong[1]))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$[0].code").value(400));
		}
	}

	private MockHttpServletResponse call(HttpMethod method, String path, String body) throws Exception {
		requests++;
		var request = request(method, path).with(as(ADMIN)).with(csrf()).accept(MediaType.APPLICATION_JSON);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	/** 400/404/422 as a problem detail in Chinese; when a field was wrong, the field named. */
	private void check(String what, MockHttpServletResponse response, String field) throws Exception {
		int status = response.getStatus();
		if (status < 400 || status == 500 || status > 503) {
			if (status >= 400 || field != null) {
				failures.add(what + ": " + status + " " + response.getContentAsString(StandardCharsets.UTF_8));
			}
			return;
		}
		String type = response.getContentType();
		if (type == null || !type.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
			if (!what.startsWith("GET /open311") && !what.startsWith("POST /open311")) {
				failures.add(what + ": " + status + " as " + type);
			}
			return;
		}
		JsonNode problem = json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
		if (problem.path("status").asInt() != status || problem.path("title").asString("").isEmpty()
				|| !problem.path("detail").asString("").codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
			failures.add(what + ": not a problem detail in Chinese: " + problem);
			return;
		}
		if (status == 400 && field != null) {
			// named, or refused first for another parameter left out (a required one the walk did not send)
			boolean named = true;
			for (JsonNode error : problem.path("errors")) {
				named &= error.path("message").asString().equals("必填");
			}
			// or the body's type held elsewhere did not read that property at all (no error says "expected ..." of another)
			boolean typeErrorElsewhere = false;
			for (JsonNode error : problem.path("errors")) {
				named |= error.path("field").asString().equals(field) || error.path("field").asString().startsWith(field + ".");
				typeErrorElsewhere |= error.path("message").asString().startsWith("应为");
			}
			named |= !typeErrorElsewhere && what.contains(" body ");
			if (!named && !problem.path("errors").isEmpty() && !field.equals("body")) {
				failures.add(what + ": names " + problem.path("errors") + ", not " + field);
			}
		}
	}

	/** The template with each {name} filled: a real-looking id, or the bad value for the one named. */
	private static String fill(String template, String name, String bad) {
		String path = template;
		while (path.contains("{")) {
			int open = path.indexOf('{');
			int close = path.indexOf('}', open);
			String variable = path.substring(open + 1, close);
			path = path.substring(0, open) + (variable.equals(name) ? bad : "1") + path.substring(close + 1);
		}
		return path;
	}

	/** A value the schema must refuse, as it would be written in a query string (null when every string is fine). */
	private static String wrongValue(JsonNode docs, JsonNode raw) {
		JsonNode schema = ApiOperations.schema(docs, raw);
		if (schema == null) {
			return null;
		}
		if (schema.has("enum")) {
			return "NO_SUCH_VALUE";
		}
		String type = schema.path("type").asString();
		String format = schema.path("format").asString();
		return switch (type) {
			case "integer" -> "0x10";
			case "number" -> "north";
			case "boolean" -> "maybe";
			case "string" -> switch (format) {
				case "date" -> "2026-02-30";
				case "date-time" -> "yesterday";
				default -> null;
			};
			default -> null;
		};
	}

	private static String jsonValue(String bad) {
		return "\"" + bad + "\"";
	}

}
