package org.grassroots.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every registry page and API endpoint, called by the 高庙村 village cadre on records of 溪上村 in
 * another township: each answers 404 (or 403), and nothing of 溪上村 changes.
 */
class RegistryDenialIntegrationTests extends IntegrationTestSupport {

	private Map<String, String> ids;

	@BeforeEach
	void foreignRecords() {
		long household = householdIdIn(XISHANG);
		long resident = residentIdIn(XISHANG);
		long member = count("SELECT MIN(id) FROM registry_party_member WHERE region_path LIKE ?", "%/" + XISHANG + "/%");
		long memberResident = count("SELECT resident_id FROM registry_party_member WHERE id = ?", member);
		long org = count("SELECT MIN(id) FROM registry_party_org WHERE region_path LIKE ?", "%/" + XISHANG + "/%");
		ids = Map.of("{region}", XISHANG, "{block}", XISHANG_BLOCK, "{household}", String.valueOf(household), "{resident}",
				String.valueOf(resident), "{member}", String.valueOf(member), "{memberResident}", String.valueOf(memberResident),
				"{org}", String.valueOf(org), "{ownGrid}", GAOMIAO_GRID1, "{ownHousehold}", String.valueOf(householdIdIn(GAOMIAO)));
	}

	static Stream<Arguments> endpoints() {
		return Stream.of(
				// pages
				new String[] {"GET", "/registry/regions/{region}"}, new String[] {"GET", "/registry/regions/{region}/children"},
				new String[] {"GET", "/registry/regions/{region}/edit"}, new String[] {"GET", "/registry/regions/{region}/children/new"},
				new String[] {"GET", "/registry/households/{household}"}, new String[] {"GET", "/registry/households/{household}/edit"},
				new String[] {"GET", "/registry/residents/{resident}"}, new String[] {"GET", "/registry/residents/{resident}/edit"},
				new String[] {"GET", "/registry/residents/new?householdId={household}"},
				new String[] {"GET", "/registry/party/organisations/{org}"},
				new String[] {"GET", "/registry/party/organisations/new?parentId={org}"},
				new String[] {"GET", "/registry/party/members/{member}"},
				new String[] {"GET", "/registry/party/members/new?residentId={resident}"},
				new String[] {"GET", "/registry/households?regionCode={region}"},
				new String[] {"GET", "/registry/residents?regionCode={region}"},
				new String[] {"GET", "/registry/party/members?regionCode={region}"},
				new String[] {"GET", "/registry/party/organisations?regionCode={region}"},
				new String[] {"GET", "/registry/households/export?regionCode={region}"},
				new String[] {"GET", "/registry/residents/export?regionCode={region}"},
				new String[] {"GET", "/registry/party/members/export?regionCode={region}"},
				new String[] {"GET", "/registry/party/organisations/export?regionCode={region}"},
				new String[] {"POST", "/registry/regions/{region}/edit?code={region}&name=X&type=VILLAGE"},
				new String[] {"POST", "/registry/regions/{block}/children?code={block}01&name=X&type=BLOCK"},
				new String[] {"POST", "/registry/households/{household}?regionCode={ownGrid}&address=X&status=RESIDENT"},
				new String[] {"POST", "/registry/residents/{resident}?householdId={ownHousehold}&name=X&relation=OTHER&politicalStatus=MASSES"},
				new String[] {"POST", "/registry/residents/{resident}/reveal?field=ID_NUMBER"},
				new String[] {"POST", "/registry/residents/{resident}/reveal?field=PHONE"},
				new String[] {"POST", "/registry/party/organisations/{org}?name=X&type=GRID_BRANCH&regionCode={ownGrid}"},
				new String[] {"POST", "/registry/party/members/{member}?residentId={memberResident}&orgId={org}&joinedOn=2000-01-01&targetHouseholds=5"},
				new String[] {"POST", "/registry/party/members/{member}/households?householdId={ownHousehold}&version=0"},
				new String[] {"POST", "/registry/party/members/{member}/households/{household}/remove?version=0"},
				// API
				new String[] {"GET", "/api/v1/regions/{region}"}, new String[] {"GET", "/api/v1/households/{household}"},
				new String[] {"GET", "/api/v1/residents/{resident}"}, new String[] {"GET", "/api/v1/party-organisations/{org}"},
				new String[] {"GET", "/api/v1/party-members/{member}"},
				new String[] {"GET", "/api/v1/households?regionCode={region}"},
				new String[] {"GET", "/api/v1/residents?regionCode={region}"},
				new String[] {"GET", "/api/v1/party-members?regionCode={region}"},
				new String[] {"GET", "/api/v1/party-organisations?regionCode={region}"},
				new String[] {"PUT", "/api/v1/households/{household}",
						"{\"regionCode\":\"{ownGrid}\",\"address\":\"X\",\"status\":\"RESIDENT\"}"},
				new String[] {"PUT", "/api/v1/residents/{resident}",
						"{\"householdId\":{ownHousehold},\"name\":\"X\",\"relation\":\"OTHER\",\"politicalStatus\":\"MASSES\"}"},
				new String[] {"PUT", "/api/v1/party-organisations/{org}",
						"{\"name\":\"X\",\"type\":\"GRID_BRANCH\",\"regionCode\":\"{ownGrid}\"}"},
				new String[] {"PUT", "/api/v1/party-members/{member}",
						"{\"residentId\":{memberResident},\"orgId\":{org},\"joinedOn\":\"2000-01-01\",\"targetHouseholds\":5}"},
				new String[] {"POST", "/api/v1/residents/{resident}/reveal?field=ID_NUMBER"},
				new String[] {"POST", "/api/v1/party-members/{member}/households/{ownHousehold}?version=0"},
				new String[] {"DELETE", "/api/v1/party-members/{member}/households/{household}?version=0"})
			.map(a -> Arguments.of(a[0], a[1], a.length > 2 ? a[2] : null));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("endpoints")
	void a_village_cadre_is_denied_every_record_of_another_township(String method, String template, String body)
			throws Exception {
		String url = template;
		String json = body;
		for (var e : ids.entrySet()) {
			url = url.replace(e.getKey(), e.getValue());
			json = json == null ? null : json.replace(e.getKey(), e.getValue());
		}
		List<String> before = snapshot();
		MockHttpServletRequestBuilder call = request(HttpMethod.valueOf(method), url).with(as("gaomiao.cadre")).with(csrf());
		if (json != null) {
			call = call.contentType(MediaType.APPLICATION_JSON).content(json);
		}
		int status = mvc.perform(call).andReturn().getResponse().getStatus();
		assertThat(status).as(method + " " + url).isIn(403, 404);
		assertThat(snapshot()).as("溪上村 unchanged after " + method + " " + url).isEqualTo(before);
	}

	/** The versions and names of everything under 溪上村, and its reveal count. */
	private List<String> snapshot() {
		String p = "%/" + XISHANG + "/%";
		return List.of(
				jdbc.sql("SELECT STRING_AGG(CAST(id AS VARCHAR) || ':' || CAST(version AS VARCHAR) || address, ',' ORDER BY id) FROM registry_household WHERE region_path LIKE ?").param(p).query(String.class).single(),
				jdbc.sql("SELECT STRING_AGG(CAST(id AS VARCHAR) || ':' || CAST(version AS VARCHAR) || name, ',' ORDER BY id) FROM registry_resident WHERE region_path LIKE ?").param(p).query(String.class).single(),
				jdbc.sql("SELECT STRING_AGG(CAST(id AS VARCHAR) || ':' || CAST(version AS VARCHAR) || name, ',' ORDER BY id) FROM registry_party_org WHERE region_path LIKE ?").param(p).query(String.class).single(),
				jdbc.sql("SELECT STRING_AGG(CAST(id AS VARCHAR) || ':' || CAST(version AS VARCHAR), ',' ORDER BY id) FROM registry_party_member WHERE region_path LIKE ?").param(p).query(String.class).single(),
				jdbc.sql("SELECT STRING_AGG(CAST(id AS VARCHAR) || ':' || CAST(version AS VARCHAR) || name, ',' ORDER BY id) FROM registry_region WHERE path LIKE ?").param(p).query(String.class).single(),
				String.valueOf(count("SELECT COUNT(*) FROM registry_member_household l JOIN registry_party_member m ON m.id = l.member_id WHERE m.region_path LIKE ?", p)),
				String.valueOf(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'REVEAL' AND region_path LIKE ?", p)));
	}

}
