package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.privacy.PersonalDataProtector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 GeoReport v2 (and mySociety's servicerequestupdates) as FixMyStreet's client and the generic GeoReport
 * libraries use it: form-encoded posts, polls by the hour, XML read by a real XML parser (a malformed document fails).
 */
class Open311IntegrationTests extends IntegrationTestSupport {

	private static final String KEY = "demo-open311-key";
	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	private static final String W3C_SECONDS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00";
	private static final String COUNTY = "620799000000";

	@Autowired
	private PersonalDataProtector protector;

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void services_and_their_definitions_in_json_and_xml_with_grids_named_by_their_village() throws Exception {
		mvc.perform(get("/open311/v2/services.json")).andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.service_code == 'ROAD_LIGHTING')].service_name").value("道路与路灯"));
		Document services = xml(mvc.perform(get("/open311/v2/services.xml")).andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_XML)).andReturn());
		assertThat(text(services, "/services/service[service_code='ROAD_LIGHTING']/type")).isEqualTo("realtime");
		mvc.perform(get("/open311/v2/services/ROAD_LIGHTING.json"))
			.andExpect(jsonPath("$.attributes[0].code").value("region_code"))
			.andExpect(jsonPath("$.attributes[0].values[?(@.key == '" + GAOMIAO + "')].name").value("高庙村"))
			.andExpect(jsonPath("$.attributes[0].values[?(@.key == '" + GAOMIAO_GRID1 + "')].name").value("高庙村 第一网格"));
		Document definition = xml(mvc.perform(get("/open311/v2/services/ROAD_LIGHTING.xml")).andExpect(status().isOk()).andReturn());
		assertThat(text(definition, "/service_definition/attributes/attribute/values/value[key='" + XISHANG + "01']/name"))
			.isEqualTo("溪上村 第一网格");
		assertThat(count(definition, "/service_definition/attributes/attribute/values/value[name='第一网格']")).isZero();
		Document missing = xml(mvc.perform(get("/open311/v2/services/NOPE.xml")).andExpect(status().isNotFound()).andReturn());
		assertThat(text(missing, "/errors/error/code")).isEqualTo("404");
		xml(mvc.perform(get("/open311/v2/services.yaml")).andExpect(status().isBadRequest()).andReturn());
	}

	@Test
	void the_discovery_document_advertises_the_address_the_proxy_is_reached_by_and_the_documented_limits() throws Exception {
		mvc.perform(get("/open311/v2/discovery.json")).andExpect(jsonPath("$.endpoints[0].url").value("http://localhost/open311/v2/"))
			.andExpect(jsonPath("$.endpoints[0].formats[0]").value("text/xml"));
		Document behindProxy = xml(mvc.perform(get("/open311/v2/discovery.xml").header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "zhiban.qingshan.gov.cn").header("X-Forwarded-Prefix", "/grassroots"))
			.andExpect(status().isOk()).andReturn());
		assertThat(text(behindProxy, "/discovery/endpoints/endpoint/url")).isEqualTo("https://zhiban.qingshan.gov.cn/grassroots/open311/v2/");
		assertThat(text(behindProxy, "/discovery/endpoints/endpoint/formats/format[2]")).isEqualTo("application/json");
		assertThat(text(behindProxy, "/discovery/limits")).contains("1000").contains("90");
		mvc.perform(get("/open311/v2/discovery.json").header("Forwarded", "proto=https;host=open311.example.org"))
			.andExpect(jsonPath("$.endpoints[0].url").value("https://open311.example.org/open311/v2/"));
	}

	@Test
	void fixmystreet_posts_form_encoded_and_reads_the_request_back_with_its_media_and_without_names_or_phone() throws Exception {
		var centre = centreOf(GAOMIAO_GRID1);
		// as FixMyStreet's Open311 client sends it: title, detail and report URL in one description, its own attributes
		String description = "title: 路灯不亮\n\ndetail: 村口第三根路灯整晚不亮\n\nurl: https://fms.example.org/report/4711\n\nSubmitted via FixMyStreet\n";
		MvcResult created = mvc.perform(post("/open311/v2/requests.xml").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("jurisdiction_id", "qingshan").param("api_key", KEY).param("service_code", "ROAD_LIGHTING")
			.param("lat", String.valueOf(centre[0] + 0.0004)).param("long", String.valueOf(centre[1]))
			.param("address_string", "高庙村村口").param("email", "visitor@example.org").param("first_name", "Alice")
			.param("last_name", "Smith").param("phone", "+44 20 7946 0958").param("description", description)
			.param("media_url", "https://fms.example.org/photo/4711.full.jpeg").param("attribute[fixmystreet_id]", "4711")
			.param("attribute[title]", "路灯不亮"))
			.andExpect(status().isCreated()).andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_XML)).andReturn();
		String id = text(xml(created), "/service_requests/request/service_request_id");
		assertThat(id).matches("[A-Z0-9]{10}");
		var stored = jdbc.sql("SELECT reporter_name, phone_cipher, phone_masked, region_path, media_url FROM appeals_appeal WHERE tracking_code = ?")
			.param(id).query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
			.single();
		assertThat(stored.get(0)).isEqualTo("Smith Alice");
		// a foreign number is kept as given, protected like any other
		assertThat(protector.reveal(stored.get(1))).isEqualTo("+442079460958");
		assertThat(stored.get(2)).isEqualTo("+44****0958");
		assertThat(stored.get(3)).endsWith("/" + GAOMIAO_GRID1 + "/");
		assertThat(stored.get(4)).isEqualTo("https://fms.example.org/photo/4711.full.jpeg");

		MvcResult read = mvc.perform(get("/open311/v2/requests/" + id + ".xml").param("api_key", KEY).param("jurisdiction_id", "qingshan"))
			.andExpect(status().isOk()).andReturn();
		Document request = xml(read);
		assertThat(text(request, "/service_requests/request/media_url")).isEqualTo("https://fms.example.org/photo/4711.full.jpeg");
		assertThat(text(request, "/service_requests/request/description")).isEqualTo(description.strip());
		assertThat(text(request, "/service_requests/request/status")).isEqualTo("open");
		assertThat(text(request, "/service_requests/request/address")).isEqualTo("高庙村村口");
		assertThat(Double.parseDouble(text(request, "/service_requests/request/lat"))).isEqualTo(centre[0] + 0.0004);
		String requested = text(request, "/service_requests/request/requested_datetime");
		assertThat(requested).matches(W3C_SECONDS);
		// never changed yet: updated when it was submitted
		assertThat(text(request, "/service_requests/request/updated_datetime")).isEqualTo(requested);
		assertThat(text(request, "/service_requests/request/expected_datetime")).matches(W3C_SECONDS);
		String body = read.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(body).doesNotContain("Smith").doesNotContain("Alice").doesNotContain("7946").doesNotContain("visitor@");
		mvc.perform(get("/open311/v2/requests.json").param("api_key", KEY).param("service_request_id", id))
			.andExpect(jsonPath("$[0].media_url").value("https://fms.example.org/photo/4711.full.jpeg"))
			.andExpect(jsonPath("$[0].updated_datetime").value(requested));
		// FixMyStreet follows a token if it gets one; here the token is the id
		assertThat(text(xml(mvc.perform(get("/open311/v2/tokens/" + id + ".xml").param("api_key", KEY)).andReturn()), "/service_requests/request/service_request_id"))
			.isEqualTo(id);
	}

	@Test
	void a_request_needs_a_valid_key_and_a_location_and_a_mainland_phone_stays_searchable() throws Exception {
		Document noKey = xml(mvc.perform(post("/open311/v2/requests.xml").param("service_code", "ENVIRONMENT")
			.param("description", "没有密钥的请求").param("attribute[region_code]", GAOMIAO_GRID1))
			.andExpect(status().isForbidden()).andReturn());
		assertThat(text(noKey, "/errors/error/code")).isEqualTo("403");
		Document nowhere = xml(mvc.perform(post("/open311/v2/requests.xml").param("api_key", KEY).param("service_code", "ENVIRONMENT")
			.param("description", "没有地点的请求")).andExpect(status().isBadRequest()).andReturn());
		assertThat(text(nowhere, "/errors/error/description")).contains("address_string");
		String id = created(mvc.perform(post("/open311/v2/requests.json").param("api_key", KEY).param("service_code", "ENVIRONMENT")
			.param("description", "河边有人倾倒垃圾").param("attribute[region_code]", GAOMIAO_GRID1).param("first_name", "明")
			.param("last_name", "李").param("phone", "139 4444 0001")));
		assertThat(jdbc.sql("SELECT channel || ' ' || reporter_name || ' ' || phone_hash FROM appeals_appeal WHERE tracking_code = ?")
			.param(id).query(String.class).single()).isEqualTo("OPEN311 李 明 " + protector.lookupHashOfPhone("13944440001"));
		mvc.perform(post("/open311/v2/requests.json").param("api_key", KEY).param("service_code", "ENVIRONMENT")
			.param("description", "电话太长").param("attribute[region_code]", GAOMIAO_GRID1).param("phone", "1".repeat(33)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$[0].code").value(400));
		mvc.perform(post("/open311/v2/requests.json").param("api_key", KEY).param("service_code", "ENVIRONMENT")
			.param("description", "只有纬度").param("lat", "38.98")).andExpect(status().isBadRequest());
		mvc.perform(post("/open311/v2/requests.json").param("api_key", KEY).param("service_code", "ENVIRONMENT")
			.param("description", "图片链接不对").param("attribute[region_code]", GAOMIAO_GRID1).param("media_url", "javascript:alert(1)"))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/open311/v2/requests/NOSUCH.json").param("api_key", KEY)).andExpect(status().isNotFound()).andExpect(jsonPath("$[0].code").value(404));
	}

	@Test
	void an_unknown_service_code_is_404_in_the_error_format() throws Exception {
		Document error = xml(mvc.perform(post("/open311/v2/requests.xml").param("api_key", KEY).param("service_code", "POTHOLES")
			.param("description", "坑洼").param("attribute[region_code]", GAOMIAO_GRID1)).andExpect(status().isNotFound()).andReturn());
		assertThat(text(error, "/errors/error/code")).isEqualTo("404");
		assertThat(text(error, "/errors/error/description")).contains("POTHOLES");
		mvc.perform(post("/open311/v2/requests.json").param("api_key", KEY).param("service_code", "POTHOLES")
			.param("description", "坑洼").param("attribute[region_code]", GAOMIAO_GRID1))
			.andExpect(status().isNotFound()).andExpect(jsonPath("$[0].code").value(404));
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal WHERE description = '坑洼'")).isZero();
	}

	@Test
	void an_address_alone_waits_at_the_county_triage_until_the_command_centre_transfers_it() throws Exception {
		String id = created(mvc.perform(post("/open311/v2/requests.json").param("api_key", KEY).param("service_code", "ROAD_LIGHTING")
			.param("description", "某村路口的路灯坏了，具体哪个村不清楚").param("address_string", "清河镇往甘泉乡方向的岔路口")));
		var held = jdbc.sql("SELECT id, region_path, level, status FROM appeals_appeal WHERE tracking_code = ?").param(id)
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)}).single();
		assertThat(held[1]).isEqualTo("/" + COUNTY + "/");
		assertThat(held[2]).isEqualTo("COUNTY");
		var county = centreOf(COUNTY);
		mvc.perform(get("/open311/v2/requests.json").param("api_key", KEY).param("service_request_id", id))
			.andExpect(jsonPath("$[0].lat").value(county[0])).andExpect(jsonPath("$[0].long").value(county[1]))
			.andExpect(jsonPath("$[0].address").value("清河镇往甘泉乡方向的岔路口"));
		long appeal = (Long) held[0];
		mvc.perform(get("/api/v1/appeals/" + appeal).with(as("gaomiao.cadre"))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/appeals/" + appeal + "/transfer").with(csrf()).with(as("dispatcher"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":0,\"regionCode\":\"" + GAOMIAO_GRID1 + "\",\"note\":\"核实为高庙村第一网格\"}"))
			.andExpect(status().isOk());
		assertThat(jdbc.sql("SELECT region_path FROM appeals_appeal WHERE id = ?").param(appeal).query(String.class).single())
			.endsWith("/" + GAOMIAO_GRID1 + "/");
		// placed: the village holds it (its category's level) and is offered to accept it
		mvc.perform(get("/api/v1/appeals/" + appeal).with(as("gaomiao.cadre"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.level").value("VILLAGE"))
			.andExpect(jsonPath("$.allowedSteps", org.hamcrest.Matchers.hasItem("ACCEPT")));
		// placed: it carries the grid's centre now
		var grid = centreOf(GAOMIAO_GRID1);
		mvc.perform(get("/open311/v2/requests.json").param("api_key", KEY).param("service_request_id", id)).andExpect(jsonPath("$[0].lat").value(grid[0]));
		// an address_id alone is an address too
		String byAddressId = created(mvc.perform(post("/open311/v2/requests.json").param("api_key", KEY).param("service_code", "OTHER")
			.param("description", "按地址编号提交的请求").param("address_id", "QS-000123")));
		assertThat(jdbc.sql("SELECT level || ' ' || location_text FROM appeals_appeal WHERE tracking_code = ?").param(byAddressId)
			.query(String.class).single()).isEqualTo("COUNTY QS-000123");
	}

	@Test
	void a_request_placed_by_region_carries_the_region_centre_and_the_description_is_optional_up_to_4000_characters() throws Exception {
		String id = created(mvc.perform(post("/open311/v2/requests.json").param("api_key", KEY).param("service_code", "ENVIRONMENT")
			.param("attribute[region_code]", GAOMIAO_GRID1).param("media_url", "https://example.org/p/1.jpg")));
		var centre = centreOf(GAOMIAO_GRID1);
		Document request = xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY).param("service_request_id", id)).andReturn());
		assertThat(Double.parseDouble(text(request, "/service_requests/request/lat"))).isEqualTo(centre[0]);
		assertThat(Double.parseDouble(text(request, "/service_requests/request/long"))).isEqualTo(centre[1]);
		assertThat(text(request, "/service_requests/request/description")).isEmpty();
		created(mvc.perform(post("/open311/v2/requests.json").param("api_key", KEY).param("service_code", "ENVIRONMENT")
			.param("attribute[region_code]", GAOMIAO_GRID1).param("description", "长".repeat(4000))));
		mvc.perform(post("/open311/v2/requests.json").param("api_key", KEY).param("service_code", "ENVIRONMENT")
			.param("attribute[region_code]", GAOMIAO_GRID1).param("description", "长".repeat(4001)))
			.andExpect(status().isBadRequest());
		// the wider column is still required
		assertThat(jdbc.sql("""
				SELECT UPPER(is_nullable) FROM information_schema.columns
				WHERE LOWER(table_name) = 'appeals_appeal' AND LOWER(column_name) = 'description'""").query(String.class).single())
			.isEqualTo("NO");
	}

	@Test
	void a_description_with_control_characters_never_makes_a_list_unparseable() throws Exception {
		String description = "井盖\u0001丢失\uFFFE，<危险> & 紧急\u0008";
		String id = created(mvc.perform(post("/open311/v2/requests.json").param("api_key", KEY).param("service_code", "ROAD_LIGHTING")
			.param("attribute[region_code]", GAOMIAO_GRID1).param("description", description)));
		Document one = xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY).param("service_request_id", id)).andReturn());
		assertThat(text(one, "/service_requests/request/description")).isEqualTo("井盖丢失，<危险> & 紧急");
		// the whole default list holds it and parses
		Document list = xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY)).andExpect(status().isOk()).andReturn());
		assertThat(count(list, "/service_requests/request[service_request_id='" + id + "']")).isEqualTo(1);
		// JSON can carry every character, escaped
		JsonNode read = json.readTree(mvc.perform(get("/open311/v2/requests.json").param("api_key", KEY).param("service_request_id", id)).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(read.get(0).get("description").asString()).isEqualTo(description);
	}

	@Test
	void an_hourly_poll_in_utc_sees_the_requests_made_in_that_hour_of_beijing_morning() throws Exception {
		// a Beijing morning three days ago: 03:30:15 there is 19:30:15 UTC the evening before
		LocalDate day = LocalDate.now(BEIJING).minusDays(3);
		Instant early = day.atTime(3, 30, 15).atZone(BEIJING).toInstant();
		Instant later = day.atTime(7, 45, 0).atZone(BEIJING).toInstant();
		String a = createdAt(early, report("ROAD_LIGHTING", "凌晨三点半报的路灯"));
		String b = createdAt(later, report("ROAD_LIGHTING", "早上七点多报的路灯"));
		Instant hour = early.truncatedTo(ChronoUnit.HOURS);
		List<String> first = ids(xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY).param("start_date", utc(hour))
			.param("end_date", utc(hour.plus(1, ChronoUnit.HOURS)))).andExpect(status().isOk()).andReturn()));
		assertThat(first).contains(a).doesNotContain(b);
		// the same hour written in Beijing time
		List<String> same = ids(xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY)
			.param("start_date", hour.atZone(BEIJING).toOffsetDateTime().toString())
			.param("end_date", hour.plus(1, ChronoUnit.HOURS).atZone(BEIJING).toOffsetDateTime().toString())).andReturn()));
		assertThat(same).contains(a).doesNotContain(b);
		// polls by the hour from 00:00 to 08:00 Beijing time see each request exactly once
		List<String> seen = new ArrayList<>();
		Instant from = day.atStartOfDay(BEIJING).toInstant();
		for (int h = 0; h < 8; h++) {
			seen.addAll(ids(xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY).param("start_date", utc(from.plus(h, ChronoUnit.HOURS)))
				.param("end_date", utc(from.plus(h + 1, ChronoUnit.HOURS).minusSeconds(1)))).andReturn())));
		}
		assertThat(seen.stream().filter(a::equals)).hasSize(1);
		assertThat(seen.stream().filter(b::equals)).hasSize(1);
		// a '+' a client left unencoded arrives as a space and is still understood
		mvc.perform(get("/open311/v2/requests.json").param("api_key", KEY).queryParam("start_date",
				hour.atZone(BEIJING).toOffsetDateTime().toString().replace("+", " ")).queryParam("end_date", utc(hour.plusSeconds(3600))))
			.andExpect(status().isOk()).andExpect(jsonPath("$[?(@.service_request_id == '" + a + "')]").exists());
		// the spec's 90 days at most, in order, as W3C datetimes
		xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY).param("start_date", "2026-01-01T00:00:00Z").param("end_date", "2026-05-01T00:00:00Z"))
			.andExpect(status().isBadRequest()).andReturn());
		xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY).param("start_date", utc(hour)).param("end_date", utc(hour.minusSeconds(1))))
			.andExpect(status().isBadRequest()).andReturn());
		xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY).param("start_date", "yesterday")).andExpect(status().isBadRequest()).andReturn());
		// no dates: the last 90 days
		assertThat(ids(xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY)).andReturn()))).contains(a, b);
	}

	@Test
	void service_code_and_status_take_comma_lists_and_service_request_id_overrides_everything_else() throws Exception {
		String environment = created(report("ENVIRONMENT", "逗号列表：环境卫生"));
		String lighting = created(report("ROAD_LIGHTING", "逗号列表：路灯"));
		String water = created(report("WATER_POWER", "逗号列表：供水"));
		long appeal = count("SELECT id FROM appeals_appeal WHERE tracking_code = ?", lighting);
		call("gaomiao.cadre", "/api/v1/appeals/" + appeal + "/accept", "{\"version\":0}");
		call("gaomiao.cadre", "/api/v1/appeals/" + appeal + "/resolve", "{\"version\":1,\"note\":\"已更换灯泡\"}");

		List<String> twoCodes = ids(xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY).param("service_code", "ENVIRONMENT,ROAD_LIGHTING"))
			.andReturn()));
		assertThat(twoCodes).contains(environment, lighting).doesNotContain(water);
		List<String> both = ids(xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY).param("status", "open,closed")
			.param("service_code", "ENVIRONMENT,ROAD_LIGHTING,WATER_POWER")).andReturn()));
		assertThat(both).contains(environment, lighting, water);
		List<String> closed = ids(xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY).param("status", "closed")
			.param("service_code", "ENVIRONMENT, ROAD_LIGHTING,WATER_POWER")).andReturn()));
		assertThat(closed).contains(lighting).doesNotContain(environment, water);
		Document resolved = xml(mvc.perform(get("/open311/v2/requests/" + lighting + ".xml").param("api_key", KEY)).andReturn());
		assertThat(text(resolved, "/service_requests/request/status_notes")).isEqualTo("已更换灯泡");
		assertThat(text(resolved, "/service_requests/request/updated_datetime"))
			.isGreaterThanOrEqualTo(text(resolved, "/service_requests/request/requested_datetime"));
		// the ids override the codes, the status and a window they are not in
		List<String> byId = ids(xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY).param("service_request_id", environment + "," + water)
			.param("service_code", "ROAD_LIGHTING").param("status", "closed").param("start_date", "2000-01-01T00:00:00Z")
			.param("end_date", "2000-01-02T00:00:00Z")).andReturn()));
		assertThat(byId).containsExactlyInAnyOrder(environment, water);
		xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY).param("status", "pending")).andExpect(status().isBadRequest()).andReturn());
	}

	@Test
	void requests_come_a_page_at_a_time_and_a_full_page_links_the_next() throws Exception {
		// two requests alone in a minute of their own, three weeks ago
		Instant at = Instant.now().minus(21, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES).plusSeconds(17);
		String older = createdAt(at, report("OTHER", "分页：较早的请求"));
		String newer = createdAt(at.plusSeconds(20), report("OTHER", "分页：较新的请求"));
		String start = utc(at.minusSeconds(10));
		String end = at.plusSeconds(30).atZone(BEIJING).toOffsetDateTime().toString();
		MvcResult first = mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY).param("start_date", start).param("end_date", end)
			.param("page_size", "1").header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "zhiban.qingshan.gov.cn"))
			.andExpect(status().isOk()).andReturn();
		assertThat(ids(xml(first))).containsExactly(newer);
		assertThat(first.getResponse().getHeader("Link")).startsWith("<https://zhiban.qingshan.gov.cn/open311/v2/requests.xml?")
			.contains("page=2").contains("page_size=1").contains("end_date=" + end.replace("+", "%2B").replace(":", "%3A"))
			.endsWith(">; rel=\"next\"");
		MvcResult second = mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY).param("start_date", start).param("end_date", end)
			.param("page_size", "1").param("page", "2")).andExpect(status().isOk()).andReturn();
		assertThat(ids(xml(second))).containsExactly(older);
		assertThat(second.getResponse().getHeader("Link")).isNull();
		mvc.perform(get("/open311/v2/requests.json").param("api_key", KEY).param("page", "0")).andExpect(status().isBadRequest());
	}

	@Test
	void any_url_under_the_endpoint_fails_in_the_error_format_of_its_extension() throws Exception {
		Document unknown = xml(mvc.perform(get("/open311/v2/reports.xml")).andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_XML)).andReturn());
		assertThat(text(unknown, "/errors/error/code")).isEqualTo("404");
		mvc.perform(get("/open311/v2/reports.json")).andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)).andExpect(jsonPath("$[0].code").value(404))
			.andExpect(jsonPath("$[0].description").isNotEmpty());
		Document method = xml(mvc.perform(delete("/open311/v2/requests.xml")).andExpect(status().isMethodNotAllowed())
			.andExpect(header().string("Allow", org.hamcrest.Matchers.containsString("GET"))).andReturn());
		assertThat(text(method, "/errors/error/code")).isEqualTo("405");
		xml(mvc.perform(put("/open311/v2/servicerequestupdates.xml")).andExpect(status().isMethodNotAllowed()).andReturn());
		mvc.perform(post("/open311/v2/services.json")).andExpect(status().isMethodNotAllowed()).andExpect(jsonPath("$[0].code").value(405));
		xml(mvc.perform(get("/open311/v2/requests.xml").param("api_key", KEY).param("page_size", "many")).andExpect(status().isBadRequest()).andReturn());
		// the rest of the API keeps its problem details
		mvc.perform(get("/api/v1/appeals/categories/nothing/here").with(as("admin")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void the_updates_feed_gives_public_steps_and_a_client_comment_becomes_a_public_timeline_entry() throws Exception {
		String id = created(report("ENVIRONMENT", "更新：河道有垃圾"));
		long appeal = count("SELECT id FROM appeals_appeal WHERE tracking_code = ?", id);
		call("gaomiao.cadre", "/api/v1/appeals/" + appeal + "/accept", "{\"version\":0}");
		call("gaomiao.cadre", "/api/v1/appeals/" + appeal + "/resolve", "{\"version\":1,\"note\":\"垃圾已清运\"}");
		Instant now = Instant.now();
		Document feed = xml(mvc.perform(get("/open311/v2/servicerequestupdates.xml").param("api_key", KEY).param("start_date", utc(now.minusSeconds(3600)))
			.param("end_date", utc(now.plusSeconds(60))).param("jurisdiction_id", "qingshan")).andExpect(status().isOk()).andReturn());
		String mine = "/service_request_updates/request_update[service_request_id='" + id + "']";
		assertThat(count(feed, mine)).isEqualTo(2);
		assertThat(text(feed, mine + "[1]/status")).isEqualTo("OPEN");
		assertThat(text(feed, mine + "[1]/description")).isEqualTo("签收");
		assertThat(text(feed, mine + "[2]/status")).isEqualTo("CLOSED");
		assertThat(text(feed, mine + "[2]/description")).isEqualTo("垃圾已清运");
		assertThat(text(feed, mine + "[2]/updated_datetime")).matches(W3C_SECONDS);
		assertThat(text(feed, mine + "[2]/update_id")).matches("\\d+");

		// FixMyStreet posts a comment the way it sends its updates
		Document posted = xml(mvc.perform(post("/open311/v2/servicerequestupdates.xml").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("jurisdiction_id", "qingshan").param("api_key", KEY).param("service_request_id", id).param("update_id_ext", "991")
			.param("updated_datetime", "2026-12-04T08:30:15+08:00").param("status", "OPEN").param("email", "visitor@example.org")
			.param("first_name", "Alice").param("last_name", "Smith").param("description", "河道又有新的垃圾了\u0001")
			.param("media_url", "https://fms.example.org/photo/c/991.full.jpeg"))
			.andExpect(status().isCreated()).andReturn());
		String updateId = text(posted, "/service_request_updates/request_update/update_id");
		var entry = jdbc.sql("SELECT action, actor, note, public_visible, to_status, media_url FROM appeals_event WHERE id = ?")
			.param(Long.parseLong(updateId))
			.query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), String.valueOf(rs.getBoolean(4)),
					rs.getString(5), rs.getString(6)))
			.single();
		assertThat(entry).containsExactly("COMMENT", "open311:demo", "河道又有新的垃圾了\u0001", "true", "RESOLVED",
				"https://fms.example.org/photo/c/991.full.jpeg");
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'appeal' AND entity_id = ? AND summary = ?",
				String.valueOf(appeal), org.grassroots.audit.AuditTrail.summary("step", "COMMENT", id))).isOne();
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE summary = ? AND (after_state LIKE '%Alice%' OR after_state LIKE '%visitor@%')",
				org.grassroots.audit.AuditTrail.summary("step", "COMMENT", id))).isZero();
		// the comment changes no status and shows on the appeal's timeline
		assertThat(jdbc.sql("SELECT status FROM appeals_appeal WHERE id = ?").param(appeal).query(String.class).single()).isEqualTo("RESOLVED");
		String page = mvc.perform(get("/appeals/" + appeal).with(as("gaomiao.cadre"))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("平台留言").contains("河道又有新的垃圾了");

		Document withComment = xml(mvc.perform(get("/open311/v2/servicerequestupdates.xml").param("api_key", KEY).param("start_date", utc(now.minusSeconds(3600)))
			.param("end_date", utc(Instant.now().plusSeconds(60)))).andReturn());
		String comment = "/service_request_updates/request_update[update_id='" + updateId + "']";
		assertThat(text(withComment, comment + "/description")).isEqualTo("河道又有新的垃圾了");
		assertThat(text(withComment, comment + "/media_url")).isEqualTo("https://fms.example.org/photo/c/991.full.jpeg");
		assertThat(text(withComment, comment + "/service_request_id")).isEqualTo(id);
		mvc.perform(get("/open311/v2/servicerequestupdates.json").param("api_key", KEY).param("start_date", utc(now.minusSeconds(3600))))
			.andExpect(jsonPath("$[?(@.update_id == '" + updateId + "')].status").value("CLOSED"));

		mvc.perform(post("/open311/v2/servicerequestupdates.json").param("service_request_id", id).param("description", "没有密钥")
			.param("updated_datetime", "2026-12-04T08:30:15+08:00").param("status", "OPEN")).andExpect(status().isForbidden());
		mvc.perform(post("/open311/v2/servicerequestupdates.json").param("api_key", KEY).param("service_request_id", "NOSUCH00")
			.param("description", "没有这个请求").param("updated_datetime", "2026-12-04T08:30:15+08:00").param("status", "OPEN"))
			.andExpect(status().isNotFound());
		mvc.perform(post("/open311/v2/servicerequestupdates.json").param("api_key", KEY).param("service_request_id", id)
			.param("updated_datetime", "2026-12-04T08:30:15+08:00").param("status", "OPEN")).andExpect(status().isBadRequest());
		xml(mvc.perform(post("/open311/v2/servicerequestupdates.xml").param("api_key", KEY).param("service_request_id", id)
			.param("description", "时间不对").param("updated_datetime", "04/12/2026").param("status", "OPEN"))
			.andExpect(status().isBadRequest()).andReturn());
	}

	@Test
	void the_updates_feed_is_read_by_instant_too() throws Exception {
		String id = created(report("ENVIRONMENT", "更新按时刻：道路积水"));
		long appeal = count("SELECT id FROM appeals_appeal WHERE tracking_code = ?", id);
		Instant at = LocalDate.now(BEIJING).minusDays(2).atTime(5, 10, 0).atZone(BEIJING).toInstant();
		// accepted at that moment: the clock is moved there for the step
		clock.travelTo(at);
		call("gaomiao.cadre", "/api/v1/appeals/" + appeal + "/accept", "{\"version\":0}");
		clock.reset();
		Instant hour = at.truncatedTo(ChronoUnit.HOURS);
		String mine = "/service_request_updates/request_update[service_request_id='" + id + "']";
		assertThat(count(xml(mvc.perform(get("/open311/v2/servicerequestupdates.xml").param("api_key", KEY).param("start_date", utc(hour))
			.param("end_date", utc(hour.plusSeconds(3600)))).andReturn()), mine)).isEqualTo(1);
		assertThat(count(xml(mvc.perform(get("/open311/v2/servicerequestupdates.xml").param("api_key", KEY).param("start_date", utc(hour.plusSeconds(3600)))
			.param("end_date", utc(hour.plusSeconds(7200)))).andReturn()), mine)).isZero();
	}

	@Test
	void admins_issue_keys_for_their_county_and_revoke_them() throws Exception {
		mvc.perform(get("/appeals/open311-keys").with(as("gaomiao.cadre"))).andExpect(status().isForbidden());
		String page = mvc.perform(post("/appeals/open311-keys").param("name", "省平台").with(csrf()).with(as("admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String key = page.replaceAll("(?s).*id=\"open311-secret\">(o311_[A-Za-z0-9_-]+)<.*", "$1");
		assertThat(jdbc.sql("SELECT county_code FROM appeals_open311_key WHERE name = '省平台'").query(String.class).single()).isEqualTo(COUNTY);
		mvc.perform(post("/open311/v2/requests.json").param("api_key", key).param("service_code", "OTHER").param("description", "新密钥提交的请求")
			.param("attribute[region_code]", GAOMIAO)).andExpect(status().isCreated());
		long id = count("SELECT id FROM appeals_open311_key WHERE name = '省平台'");
		mvc.perform(post("/appeals/open311-keys/" + id + "/revoke").with(csrf()).with(as("admin"))).andExpect(status().is3xxRedirection());
		mvc.perform(post("/open311/v2/requests.json").param("api_key", key).param("service_code", "OTHER").param("description", "吊销后的请求")
			.param("attribute[region_code]", GAOMIAO)).andExpect(status().isForbidden());
	}

	// ---- helpers

	private MockHttpServletRequestBuilder report(String code, String description) {
		return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/open311/v2/requests.xml")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).param("api_key", KEY).param("service_code", code)
			.param("attribute[region_code]", GAOMIAO_GRID1).param("description", description);
	}

	/** The new request's id, read from the answer as a client reads it (XML or JSON). */
	private String created(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request).andExpect(status().isCreated()).andReturn();
		String type = result.getResponse().getContentType();
		if (type != null && type.startsWith("text/xml")) {
			return text(xml(result), "/service_requests/request/service_request_id");
		}
		return json.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).get(0).get("service_request_id").asString();
	}

	private String created(org.springframework.test.web.servlet.ResultActions actions) throws Exception {
		MvcResult result = actions.andExpect(status().isCreated()).andReturn();
		return json.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).get(0).get("service_request_id").asString();
	}

	/** A request made at another moment: the application's clock is moved there for it, and back. */
	private String createdAt(Instant at, MockHttpServletRequestBuilder request) throws Exception {
		clock.travelTo(at);
		try {
			return created(request);
		}
		finally {
			clock.reset();
		}
	}

	private void call(String user, String path, String body) throws Exception {
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path).with(csrf()).with(as(user))
			.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk());
	}

	private double[] centreOf(String code) {
		return jdbc.sql("SELECT centre_lat, centre_lon FROM registry_region WHERE code = ?").param(code)
			.query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
	}

	private static String utc(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

	/** The response parsed by a real XML parser: a malformed document fails the test here. */
	private static Document xml(MvcResult result) throws Exception {
		assertThat(result.getResponse().getContentType()).startsWith("text/xml");
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		return factory.newDocumentBuilder()
			.parse(new InputSource(new StringReader(result.getResponse().getContentAsString(StandardCharsets.UTF_8))));
	}

	private static String text(Document doc, String xpath) throws Exception {
		return XPathFactory.newInstance().newXPath().evaluate(xpath, doc);
	}

	private static int count(Document doc, String xpath) throws Exception {
		return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET)).getLength();
	}

	private static List<String> ids(Document doc) throws Exception {
		NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
			.evaluate("/service_requests/request/service_request_id", doc, XPathConstants.NODESET);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			ids.add(nodes.item(i).getTextContent());
		}
		return ids;
	}

}
