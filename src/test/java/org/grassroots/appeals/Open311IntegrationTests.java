package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.xpath;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Open311 GeoReport v2 in JSON and XML, including its errors. */
class Open311IntegrationTests extends IntegrationTestSupport {

	@Test
	void services_and_their_definitions_in_json_and_xml() throws Exception {
		mvc.perform(get("/open311/v2/services.json")).andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.service_code == 'ROAD_LIGHTING')].service_name").value("道路与路灯"));
		mvc.perform(get("/open311/v2/services.xml")).andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_XML))
			.andExpect(xpath("/services/service[service_code='ROAD_LIGHTING']/type").string("realtime"));
		mvc.perform(get("/open311/v2/services/ROAD_LIGHTING.json"))
			.andExpect(jsonPath("$.attributes[0].code").value("region_code"))
			.andExpect(jsonPath("$.attributes[0].values[?(@.key == '" + GAOMIAO + "')].name").value("高庙村"));
		mvc.perform(get("/open311/v2/services/NOPE.xml")).andExpect(status().isNotFound())
			.andExpect(xpath("/errors/error/code").string("404"));
		mvc.perform(get("/open311/v2/discovery.json")).andExpect(jsonPath("$.endpoints[0].formats[1]").value("text/xml"));
		mvc.perform(get("/open311/v2/services.yaml")).andExpect(status().isBadRequest());
	}

	@Test
	void a_request_needs_a_valid_key_and_a_place_and_is_then_an_appeal() throws Exception {
		mvc.perform(post("/open311/v2/requests.json").param("service_code", "ENVIRONMENT").param("description", "没有密钥的请求")
			.param("attribute[region_code]", GAOMIAO_GRID1))
			.andExpect(status().isForbidden()).andExpect(jsonPath("$[0].code").value(403));
		mvc.perform(post("/open311/v2/requests.xml").param("api_key", "demo-open311-key").param("service_code", "ENVIRONMENT")
			.param("description", "没有地点的请求"))
			.andExpect(status().isBadRequest()).andExpect(xpath("/errors/error/code").string("400"));
		String body = mvc.perform(post("/open311/v2/requests.json").param("api_key", "demo-open311-key").param("service_code", "ENVIRONMENT")
			.param("description", "河边有人倾倒垃圾").param("attribute[region_code]", GAOMIAO_GRID1).param("first_name", "明")
			.param("last_name", "李").param("phone", "13944440001"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String id = body.replaceAll("(?s).*\"service_request_id\":\"([A-Z0-9]+)\".*", "$1");
		assertThat(jdbc.sql("SELECT channel || ' ' || reporter_name FROM appeals_appeal WHERE tracking_code = ?").param(id)
			.query(String.class).single()).isEqualTo("OPEN311 李 明");
		// by position: the grid whose centre is nearest
		var centre = jdbc.sql("SELECT centre_lat, centre_lon FROM registry_region WHERE code = ?").param(GAOMIAO_GRID1)
			.query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
		String byPosition = mvc.perform(post("/open311/v2/requests.json").param("api_key", "demo-open311-key").param("service_code", "ROAD_LIGHTING")
			.param("description", "这里的路灯坏了").param("lat", String.valueOf(centre[0] + 0.0005)).param("long", String.valueOf(centre[1])))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String id2 = byPosition.replaceAll("(?s).*\"service_request_id\":\"([A-Z0-9]+)\".*", "$1");
		assertThat(jdbc.sql("SELECT region_path FROM appeals_appeal WHERE tracking_code = ?").param(id2).query(String.class).single())
			.endsWith("/" + GAOMIAO_GRID1 + "/");
		mvc.perform(get("/open311/v2/requests.json").param("service_request_id", id)).andExpect(jsonPath("$[0].status").value("open"))
			.andExpect(jsonPath("$[0].service_code").value("ENVIRONMENT"));
		// resolved in the product, closed in Open311
		long appeal = count("SELECT id FROM appeals_appeal WHERE tracking_code = ?", id);
		mvc.perform(post("/api/v1/appeals/" + appeal + "/accept").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":0}"));
		mvc.perform(post("/api/v1/appeals/" + appeal + "/resolve").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":1,\"note\":\"已清理并设置警示牌\"}"));
		mvc.perform(get("/open311/v2/requests/" + id + ".xml")).andExpect(xpath("/service_requests/request/status").string("closed"))
			.andExpect(xpath("/service_requests/request/status_notes").string("已清理并设置警示牌"));
		mvc.perform(get("/open311/v2/requests.json").param("status", "closed").param("service_code", "ENVIRONMENT"))
			.andExpect(jsonPath("$[?(@.service_request_id == '" + id + "')]").exists());
		mvc.perform(get("/open311/v2/tokens/" + id + ".json")).andExpect(jsonPath("$[0].service_request_id").value(id));
		mvc.perform(get("/open311/v2/requests/NOSUCH.json")).andExpect(status().isNotFound());
		mvc.perform(get("/open311/v2/requests.json").param("status", "maybe")).andExpect(status().isBadRequest());
		// phone numbers and names never leave through Open311
		mvc.perform(get("/open311/v2/requests.json").param("service_request_id", id))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("13944440001"))))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("李 明"))));
	}

	@Test
	void admins_issue_and_revoke_keys() throws Exception {
		mvc.perform(get("/appeals/open311-keys").with(as("gaomiao.cadre"))).andExpect(status().isForbidden());
		String page = mvc.perform(post("/appeals/open311-keys").param("name", "省平台").with(csrf()).with(as("admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String key = page.replaceAll("(?s).*id=\"open311-secret\">(o311_[A-Za-z0-9_-]+)<.*", "$1");
		mvc.perform(post("/open311/v2/requests.json").param("api_key", key).param("service_code", "OTHER").param("description", "新密钥提交的请求")
			.param("attribute[region_code]", GAOMIAO)).andExpect(status().isCreated());
		long id = count("SELECT id FROM appeals_open311_key WHERE name = '省平台'");
		mvc.perform(post("/appeals/open311-keys/" + id + "/revoke").with(csrf()).with(as("admin"))).andExpect(status().is3xxRedirection());
		mvc.perform(post("/open311/v2/requests.json").param("api_key", key).param("service_code", "OTHER").param("description", "吊销后的请求")
			.param("attribute[region_code]", GAOMIAO)).andExpect(status().isForbidden());
	}

}
