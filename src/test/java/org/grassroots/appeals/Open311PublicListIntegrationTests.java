package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18: GET /open311/v2/requests without a key returned every request's description, address, position and
 * status notes verbatim (a phone and an ID number typed in the text came back). Now the public reads only what the
 * county marked public, redacted, with a fixed phrase for where it stands; a key's client reads its own in full.
 */
class Open311PublicListIntegrationTests extends IntegrationTestSupport {

	private static final String KEY = "demo-open311-key";
	private static final String PHONE = "13912345678";
	private static final String ID = "62079919850101123X";
	private static final String STAFF_NOTE = "已联系张师傅（13700001111）更换灯泡";

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void without_a_key_only_what_the_county_marked_public_is_listed_redacted_and_without_staff_notes() throws Exception {
		String listed = submit("路灯坏了，我的电话 " + PHONE + "，身份证 " + ID + "，随时联系", "幸福路 12 号，电话 0936-2722969");
		String unlisted = submit("另一条：楼道灯不亮 " + PHONE, "幸福路 14 号");
		long id = appealId(listed);
		// the grid takes it and resolves it with a note for the people handling it
		mvc.perform(post("/appeals/" + id + "/accept").with(csrf()).with(as("gaomiao.grid1")).param("version", "0"))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/appeals/" + id + "/resolve").with(csrf()).with(as("gaomiao.grid1")).param("version", "1").param("note", STAFF_NOTE))
			.andExpect(status().is3xxRedirection());
		// nothing is listed before the county says so
		assertThat(publicList(listed + "," + unlisted)).isEmpty();
		// a village cadre may not list it; the county's handlers see the switch and use it
		assertThat(mvc.perform(get("/appeals/" + id).with(as("gaomiao.cadre"))).andReturn().getResponse().getContentAsString())
			.contains("open311-listing").doesNotContain("open311-toggle");
		mvc.perform(post("/appeals/" + id + "/open311-public").param("version", "2").param("listed", "true").with(csrf())
			.with(as("gaomiao.cadre"))).andExpect(status().isForbidden());
		assertThat(mvc.perform(get("/appeals/" + id).with(as("dispatcher"))).andReturn().getResponse().getContentAsString())
			.contains("open311-toggle");
		// a page gone stale is refused like any step
		mvc.perform(post("/appeals/" + id + "/open311-public").param("version", "1").param("listed", "true").with(csrf())
			.with(as("dispatcher"))).andExpect(status().isConflict());
		mvc.perform(post("/appeals/" + id + "/open311-public").param("version", "2").param("listed", "true").with(csrf())
			.with(as("dispatcher"))).andExpect(status().is3xxRedirection());
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'appeal' AND entity_id = ? AND actor = 'dispatcher'",
				String.valueOf(id))).isEqualTo(1);

		JsonNode list = publicList(listed + "," + unlisted);
		assertThat(list).hasSize(1);
		JsonNode r = list.get(0);
		assertThat(r.get("service_request_id").asString()).isEqualTo(listed);
		String everything = r.toString();
		assertThat(everything).doesNotContain(PHONE).doesNotContain(ID).doesNotContain("2722969").doesNotContain("1111")
			.doesNotContain("张师傅");
		assertThat(r.get("description").asString()).startsWith("路灯坏了，我的电话 ***********，身份证 ******************");
		assertThat(r.get("address").asString()).startsWith("幸福路 12 号");
		assertThat(r.get("status_notes").asString()).isEqualTo("已办结");
		// the position to three decimals (a region's centre here)
		assertThat(r.get("lat").asDouble() * 1000).isCloseTo(Math.rint(r.get("lat").asDouble() * 1000), org.assertj.core.data.Offset.offset(1e-6));
		// the single request and the updates feed hold to the same
		String one = mvc.perform(get("/open311/v2/requests/" + listed + ".json")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(one).doesNotContain(PHONE).doesNotContain(ID).doesNotContain("张师傅");
		mvc.perform(get("/open311/v2/requests/" + unlisted + ".json")).andExpect(status().isNotFound());
		String updates = mvc.perform(get("/open311/v2/servicerequestupdates.json")
			.param("start_date", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(updates).contains(listed).doesNotContain(unlisted).doesNotContain("张师傅");
		// taken off the list again, it is gone
		mvc.perform(post("/appeals/" + id + "/open311-public").param("version", "3").param("listed", "false").with(csrf())
			.with(as("dispatcher"))).andExpect(status().is3xxRedirection());
		assertThat(publicList(listed)).isEmpty();
	}

	@Test
	void a_key_reads_its_own_requests_in_full_and_no_one_elses_unlisted() throws Exception {
		String mine = submit("井盖丢了，电话 " + PHONE, "东街口");
		long id = appealId(mine);
		mvc.perform(post("/appeals/" + id + "/accept").with(csrf()).with(as("gaomiao.grid1")).param("version", "0"));
		mvc.perform(post("/appeals/" + id + "/resolve").with(csrf()).with(as("gaomiao.grid1")).param("version", "1").param("note", STAFF_NOTE));
		JsonNode own = json.readTree(mvc.perform(get("/open311/v2/requests.json").param("api_key", KEY).param("service_request_id", mine))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(own.get(0).get("description").asString()).isEqualTo("井盖丢了，电话 " + PHONE);
		assertThat(own.get(0).get("status_notes").asString()).isEqualTo(STAFF_NOTE);
		// another client's key does not see it
		String page = mvc.perform(post("/appeals/open311-keys").param("name", "另一平台").with(csrf()).with(as("admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String other = page.replaceAll("(?s).*id=\"open311-secret\">(o311_[A-Za-z0-9_-]+)<.*", "$1");
		assertThat(json.readTree(mvc.perform(get("/open311/v2/requests.json").param("api_key", other).param("service_request_id", mine))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))).isEmpty();
		// a wrong key is refused, not taken for none
		mvc.perform(get("/open311/v2/requests.json").param("api_key", "nonsense")).andExpect(status().isForbidden());
	}

	private String submit(String description, String address) throws Exception {
		String body = mvc.perform(post("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED).param("api_key", KEY)
			.param("service_code", "ROAD_LIGHTING").param("attribute[region_code]", GAOMIAO_GRID1).param("description", description)
			.param("address_string", address).param("phone", "13800138000"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		return json.readTree(body).get(0).get("service_request_id").asString();
	}

	private long appealId(String code) {
		return count("SELECT id FROM appeals_appeal WHERE tracking_code = ?", code);
	}

	private JsonNode publicList(String ids) throws Exception {
		return json.readTree(mvc.perform(get("/open311/v2/requests.json").param("service_request_id", ids)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
	}

}
