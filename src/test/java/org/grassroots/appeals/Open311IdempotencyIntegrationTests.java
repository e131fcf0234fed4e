package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 POST requests with an idempotency key (the Idempotency-Key header, or attribute[idempotency_key] for
 * GeoReport clients that cannot set headers): a client that timed out and sends again gets the first answer back and
 * no second appeal, even when the copies arrive together; the same key with other fields is refused, storing nothing.
 */
class Open311IdempotencyIntegrationTests extends IntegrationTestSupport {

	private static final String KEY = "demo-open311-key";

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void a_retry_with_the_same_key_answers_the_first_answer_and_stores_nothing_new() throws Exception {
		String description = "村口路灯不亮 " + UUID.randomUUID();
		String key = "retry-" + UUID.randomUUID();
		MockHttpServletResponse first = mvc.perform(request("json", description).header("Idempotency-Key", key))
			.andExpect(status().isCreated()).andExpect(header().doesNotExist("Idempotent-Replayed")).andReturn().getResponse();
		JsonNode answer = json.readTree(first.getContentAsString(StandardCharsets.UTF_8)).get(0);
		String id = answer.get("service_request_id").asString();
		assertThat(id).matches("[A-Z0-9]{10}");

		MockHttpServletResponse again = mvc.perform(request("json", description).header("Idempotency-Key", key))
			.andExpect(status().isCreated()).andExpect(header().string("Idempotent-Replayed", "true")).andReturn().getResponse();
		// the first answer, word for word
		assertThat(again.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(first.getContentAsString(StandardCharsets.UTF_8));
		// asked for in XML this time (the extension is how the answer is written, not what is asked for): the same request
		mvc.perform(request("xml", description).header("Idempotency-Key", key)).andExpect(status().isCreated())
			.andExpect(header().string("Idempotent-Replayed", "true"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.xpath("/service_requests/request/service_request_id")
				.string(id));
		assertThat(appealsDescribed(description)).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM appeals_open311_idempotency i JOIN appeals_appeal a ON a.id = i.appeal_id "
				+ "WHERE i.idempotency_key = ? AND a.tracking_code = ?", key, id)).isEqualTo(1);
	}

	@Test
	void the_attribute_is_the_same_key_for_clients_that_cannot_set_headers() throws Exception {
		String description = "河边有人倾倒垃圾 " + UUID.randomUUID();
		String key = "attr-" + UUID.randomUUID();
		String id = id(mvc.perform(request("json", description).param("attribute[idempotency_key]", key))
			.andExpect(status().isCreated()).andExpect(header().doesNotExist("Idempotent-Replayed")).andReturn().getResponse());
		String again = id(mvc.perform(request("json", description).param("attribute[idempotency_key]", key))
			.andExpect(status().isCreated()).andExpect(header().string("Idempotent-Replayed", "true")).andReturn().getResponse());
		// the header with the same key names the same request
		String byHeader = id(mvc.perform(request("json", description).header("Idempotency-Key", key))
			.andExpect(status().isCreated()).andExpect(header().string("Idempotent-Replayed", "true")).andReturn().getResponse());
		assertThat(again).isEqualTo(id);
		assertThat(byHeader).isEqualTo(id);
		assertThat(appealsDescribed(description)).isEqualTo(1);
		// both given, they must agree
		mvc.perform(request("json", description).header("Idempotency-Key", key).param("attribute[idempotency_key]", key + "-other"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$[0].code").value(400));
	}

	@Test
	void the_same_key_with_other_fields_is_422_in_the_open311_format_and_stores_nothing() throws Exception {
		String description = "路面塌陷 " + UUID.randomUUID();
		String key = "changed-" + UUID.randomUUID();
		String id = id(mvc.perform(request("json", description).header("Idempotency-Key", key)).andExpect(status().isCreated())
			.andReturn().getResponse());
		long appeals = count("SELECT COUNT(*) FROM appeals_appeal");
		String other = description + "（补充）";
		mvc.perform(request("json", other).header("Idempotency-Key", key)).andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$[0].code").value(422))
			.andExpect(jsonPath("$[0].description").value(org.hamcrest.Matchers.containsString("幂等键")));
		mvc.perform(request("xml", description).header("Idempotency-Key", key).param("address_string", "另一个地方"))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.xpath("/errors/error/code").string("422"));
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal")).isEqualTo(appeals);
		assertThat(appealsDescribed(other)).isZero();
		// the key still answers its first request
		assertThat(id(mvc.perform(request("json", description).header("Idempotency-Key", key)).andExpect(status().isCreated())
			.andReturn().getResponse())).isEqualTo(id);
	}

	@Test
	void twenty_copies_at_once_make_one_appeal_and_all_answer_it() throws Exception {
		String description = "垃圾桶满了 " + UUID.randomUUID();
		String key = "together-" + UUID.randomUUID();
		int copies = 20;
		ExecutorService pool = Executors.newFixedThreadPool(copies);
		List<MockHttpServletResponse> answers = new ArrayList<>();
		try {
			CountDownLatch ready = new CountDownLatch(copies);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<MockHttpServletResponse>> sent = new ArrayList<>();
			for (int i = 0; i < copies; i++) {
				sent.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					return mvc.perform(request("json", description).header("Idempotency-Key", key)).andReturn().getResponse();
				}));
			}
			ready.await();
			go.countDown();
			for (Future<MockHttpServletResponse> answer : sent) {
				answers.add(answer.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		List<String> ids = new ArrayList<>();
		int replayed = 0;
		for (MockHttpServletResponse answer : answers) {
			assertThat(answer.getStatus()).as(answer.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
			ids.add(id(answer));
			replayed += "true".equals(answer.getHeader("Idempotent-Replayed")) ? 1 : 0;
		}
		assertThat(ids).containsOnly(ids.get(0));
		assertThat(replayed).isEqualTo(copies - 1);
		assertThat(appealsDescribed(description)).isEqualTo(1);
	}

	@Test
	void keys_are_bounded_and_a_bad_one_is_400_before_anything_is_stored() throws Exception {
		String description = "坏的幂等键 " + UUID.randomUUID();
		for (String bad : List.of("", "a".repeat(101), "has space", "键")) {
			mvc.perform(request("json", description).header("Idempotency-Key", bad)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$[0].code").value(400))
				.andExpect(jsonPath("$[0].description").value(org.hamcrest.Matchers.containsString("100")));
			mvc.perform(request("json", description).param("attribute[idempotency_key]", bad)).andExpect(status().isBadRequest());
		}
		assertThat(appealsDescribed(description)).isZero();
		// a hundred visible characters are a key
		mvc.perform(request("json", description).header("Idempotency-Key", "A~!".repeat(33) + "z")).andExpect(status().isCreated());
		assertThat(appealsDescribed(description)).isEqualTo(1);
	}

	@Test
	void a_key_is_the_clients_own_another_client_using_it_makes_its_own_request() throws Exception {
		String page = mvc.perform(post("/appeals/open311-keys").param("name", "幂等测试平台").with(csrf()).with(as("admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String otherClient = page.replaceAll("(?s).*id=\"open311-secret\">(o311_[A-Za-z0-9_-]+)<.*", "$1");
		String description = "两个平台同一个键 " + UUID.randomUUID();
		String key = "shared-" + UUID.randomUUID();
		String mine = id(mvc.perform(request("json", description).header("Idempotency-Key", key)).andExpect(status().isCreated())
			.andReturn().getResponse());
		String theirs = id(mvc.perform(request("json", description, otherClient).header("Idempotency-Key", key))
			.andExpect(status().isCreated()).andExpect(header().doesNotExist("Idempotent-Replayed")).andReturn().getResponse());
		assertThat(theirs).isNotEqualTo(mine);
		assertThat(appealsDescribed(description)).isEqualTo(2);
	}

	@Test
	void without_a_key_each_post_is_a_new_request_as_before() throws Exception {
		String description = "没有幂等键 " + UUID.randomUUID();
		String first = id(mvc.perform(request("json", description)).andExpect(status().isCreated())
			.andExpect(header().doesNotExist("Idempotent-Replayed")).andReturn().getResponse());
		String second = id(mvc.perform(request("json", description)).andExpect(status().isCreated()).andReturn().getResponse());
		assertThat(second).isNotEqualTo(first);
		assertThat(appealsDescribed(description)).isEqualTo(2);
	}

	@Test
	void an_unsupported_format_is_refused_before_anything_is_stored() throws Exception {
		String description = "格式不对 " + UUID.randomUUID();
		String key = "yaml-" + UUID.randomUUID();
		mvc.perform(request("yaml", description).header("Idempotency-Key", key)).andExpect(status().isBadRequest())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.xpath("/errors/error/code").string("400"));
		assertThat(appealsDescribed(description)).isZero();
		assertThat(count("SELECT COUNT(*) FROM appeals_open311_idempotency WHERE idempotency_key = ?", key)).isZero();
		// the client corrects the extension and sends again with the same key: the one request, made now
		String id = id(mvc.perform(request("json", description).header("Idempotency-Key", key)).andExpect(status().isCreated())
			.andExpect(header().doesNotExist("Idempotent-Replayed")).andReturn().getResponse());
		assertThat(id).matches("[A-Z0-9]{10}");
		assertThat(appealsDescribed(description)).isEqualTo(1);
		// a request refused for its fields claims no key either
		String refusedKey = "refused-" + UUID.randomUUID();
		mvc.perform(request("json", description).param("media_url", "javascript:alert(1)").header("Idempotency-Key", refusedKey))
			.andExpect(status().isBadRequest());
		assertThat(count("SELECT COUNT(*) FROM appeals_open311_idempotency WHERE idempotency_key = ?", refusedKey)).isZero();
	}

	private MockHttpServletRequestBuilder request(String format, String description) {
		return request(format, description, KEY);
	}

	private MockHttpServletRequestBuilder request(String format, String description, String apiKey) {
		return post("/open311/v2/requests." + format).contentType(MediaType.APPLICATION_FORM_URLENCODED).param("api_key", apiKey)
			.param("service_code", "ENVIRONMENT").param("attribute[region_code]", GAOMIAO_GRID1).param("description", description);
	}

	private String id(MockHttpServletResponse response) throws Exception {
		return json.readTree(response.getContentAsString(StandardCharsets.UTF_8)).get(0).get("service_request_id").asString();
	}

	private long appealsDescribed(String description) {
		return count("SELECT COUNT(*) FROM appeals_appeal WHERE description = ?", description);
	}

}
