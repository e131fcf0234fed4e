package org.grassroots.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.grassroots.IntegrationTestSupport;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Parties picked from the registry within the user's own scope (an outsider still typed by hand), mediators offered
 * committee first, and the agreement signed by each mediator under their real standing.
 */
class DisputePartiesAndMediatorsIntegrationTests extends IntegrationTestSupport {

	private static final String QINGHE = "620799100000";

	/** A resident of a village with a phone, and their name. */
	private Map<String, Object> residentOf(String villageCode) {
		long id = residentIdIn(villageCode);
		return jdbc.sql("SELECT id, name FROM registry_resident WHERE id = :id").param("id", id).query().singleRow();
	}

	private long id(String json) {
		return Long.parseLong(json.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1"));
	}

	private int version(long id) {
		return jdbc.sql("SELECT version FROM disputes_case WHERE id = :id").param("id", id).query(Integer.class).single();
	}

	@Test
	void a_village_cadre_finds_residents_of_the_own_village_and_never_those_of_another() throws Exception {
		Map<String, Object> other = residentOf(XISHANG);
		String name = (String) other.get("name");
		// the page's typeahead: nobody of 溪上村 for 高庙村's cadre, the resident for 溪上村's own
		String own = mvc.perform(get("/disputes/party-matches").param("key", "0").param("prefix", "parties[0].")
			.param("parties[0].name", name).param("regionCode", GAOMIAO).with(as("gaomiao.cadre")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(own).doesNotContain("pick\" value=\"0:" + other.get("id") + "\"").doesNotContain("溪上村");
		mvc.perform(get("/disputes/party-matches").param("key", "0").param("prefix", "parties[0].").param("parties[0].name", name)
			.with(as("xishang.cadre")))
			.andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("value=\"0:" + other.get("id") + "\"")));
		// the API says the same, with phones masked and no identity number
		mvc.perform(get("/api/v1/disputes/residents").param("q", name).with(as("gaomiao.cadre")))
			.andExpect(status().isOk()).andExpect(jsonPath("$[?(@.id == " + other.get("id") + ")]").isEmpty());
		String found = mvc.perform(get("/api/v1/disputes/residents").param("q", name).with(as("xishang.cadre")))
			.andExpect(status().isOk()).andExpect(jsonPath("$[?(@.id == " + other.get("id") + ")].villageName").value(Matchers.contains("溪上村")))
			.andReturn().getResponse().getContentAsString();
		assertThat(found).doesNotContain("idNumber").containsPattern("\\d{3}\\*{4}\\d{4}");
		// a resident of another village cannot be linked by sending the id either
		mvc.perform(post("/api/v1/disputes").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"type\":\"NEIGHBOUR\",\"summary\":\"越界关联的当事人\",\"regionCode\":\"" + GAOMIAO + "\",\"parties\":[{\"residentId\":"
					+ other.get("id") + "}]}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("parties[0].residentId"));
		// a role without the right to handle disputes gets no search at all
		mvc.perform(get("/api/v1/disputes/residents").param("q", name).with(as("supervisor"))).andExpect(status().isForbidden());
		mvc.perform(get("/disputes/party-matches").param("key", "0").param("prefix", "parties[0].").param("parties[0].name", name)
			.with(as("mzj.staff"))).andExpect(status().isForbidden());
	}

	@Test
	void a_party_picked_from_the_registry_is_linked_by_id_and_an_outsider_is_typed_by_hand() throws Exception {
		Map<String, Object> resident = residentOf(GAOMIAO);
		long residentId = ((Number) resident.get("id")).longValue();
		String name = (String) resident.get("name");
		// without script: 查找 shows the matches in the form, a match picked links the row, what was typed is kept
		String found = mvc.perform(post("/disputes").with(csrf()).with(as("gaomiao.cadre")).param("type", "NEIGHBOUR")
			.param("regionCode", GAOMIAO).param("summary", "两户因院墙滴水问题争吵").param("parties[0].name", name).param("find", "0"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(found).contains("name=\"pick\" value=\"0:" + residentId + "\"").contains("两户因院墙滴水问题争吵");
		String picked = mvc.perform(post("/disputes").with(csrf()).with(as("gaomiao.cadre")).param("type", "NEIGHBOUR")
			.param("regionCode", GAOMIAO).param("summary", "两户因院墙滴水问题争吵").param("parties[0].name", name)
			.param("pick", "0:" + residentId))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(picked).contains("name=\"parties[0].residentId\" value=\"" + residentId + "\"").contains("登记居民");
		// saved: the resident by id with the registry's name and address; the outsider as typed
		mvc.perform(post("/disputes").with(csrf()).with(as("gaomiao.cadre")).param("type", "NEIGHBOUR").param("regionCode", GAOMIAO)
			.param("summary", "两户因院墙滴水问题争吵").param("parties[0].role", "APPLICANT").param("parties[0].residentId", String.valueOf(residentId))
			.param("parties[0].name", "随便写的名字").param("parties[1].role", "RESPONDENT").param("parties[1].name", "外村人 钱五")
			.param("parties[1].phone", "13912340000").param("parties[1].address", "邻县石桥村"))
			.andExpect(status().is3xxRedirection());
		long id = jdbc.sql("SELECT MAX(case_id) FROM disputes_party WHERE resident_id = :r").param("r", residentId).query(Long.class).single();
		List<Map<String, Object>> parties = jdbc.sql("SELECT resident_id, name, address, phone_masked FROM disputes_party WHERE case_id = :c ORDER BY party_key")
			.param("c", id).query().listOfRows();
		// (column names read case-blind: H2 answers them in capitals, PostgreSQL in small letters)
		assertThat(((Number) parties.get(0).get("resident_id")).longValue()).isEqualTo(residentId);
		assertThat(parties.get(0).get("name")).isEqualTo(name);
		assertThat((String) parties.get(0).get("address")).startsWith("清河镇").contains("高庙村");
		assertThat(parties.get(1).get("resident_id")).isNull();
		assertThat(List.of(parties.get(1).get("name"), parties.get(1).get("address"), parties.get(1).get("phone_masked")))
			.containsExactly("外村人 钱五", "邻县石桥村", "139****0000");
		mvc.perform(get("/disputes/" + id).with(as("gaomiao.cadre"))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.allOf(Matchers.containsString("/registry/residents/" + residentId),
					Matchers.containsString("外来人员/非登记人员"), Matchers.containsString("邻县石桥村"))));
		// a case raised from a visit comes without parties: they are added on the case page, picked or typed
		long raised = id(mvc.perform(post("/api/v1/disputes").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"type\":\"NEIGHBOUR\",\"summary\":\"先登记一方，另一方随后补充\",\"regionCode\":\"" + GAOMIAO + "\",\"parties\":[{\"name\":\"孙甲\"}]}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		mvc.perform(post("/disputes/" + raised + "/parties").with(csrf()).with(as("gaomiao.cadre")).param("version", String.valueOf(version(raised)))
			.param("party.role", "RESPONDENT").param("party.residentId", String.valueOf(residentId)))
			.andExpect(status().is3xxRedirection()).andExpect(header().string("Location", "/disputes/" + raised));
		mvc.perform(post("/api/v1/disputes/" + raised + "/parties").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"party\":{\"residentId\":" + residentId + "},\"version\":" + version(raised) + "}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("party.residentId"));
		mvc.perform(get("/api/v1/disputes/" + raised).with(as("gaomiao.cadre")))
			.andExpect(jsonPath("$.parties.length()").value(2))
			.andExpect(jsonPath("$.parties[1].residentId").value(residentId))
			.andExpect(jsonPath("$.parties[1].role").value("RESPONDENT"));
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'dispute' AND entity_id = ? AND summary LIKE 'party added%'",
				String.valueOf(raised))).isEqualTo(1);
		// another village's cadre can neither see the case nor add to it
		mvc.perform(post("/api/v1/disputes/" + raised + "/parties").with(csrf()).with(as("xishang.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"party\":{\"name\":\"越权\"},\"version\":" + version(raised) + "}"))
			.andExpect(status().isNotFound());
	}

	@Test
	void mediators_are_offered_committee_first_then_the_roster_then_other_cadres_and_each_signs_as_what_they_are() throws Exception {
		long id = id(mvc.perform(post("/api/v1/disputes").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"type\":\"NEIGHBOUR\",\"summary\":\"邻居在界墙边堆放柴草，双方多次争吵\",\"regionCode\":\"" + GAOMIAO
					+ "\",\"parties\":[{\"residentId\":" + residentIdIn(GAOMIAO) + "},{\"name\":\"赵四\"}]}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		Map<String, Object> member = jdbc.sql("""
				SELECT id, name FROM disputes_professional WHERE kind = 'MEDIATOR' AND active = TRUE AND region_path LIKE :p
				ORDER BY id FETCH FIRST 1 ROWS ONLY""").param("p", "%/" + GAOMIAO + "/").query().singleRow();
		String page = mvc.perform(get("/disputes/" + id).with(as("gaomiao.cadre"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		String select = page.substring(page.indexOf("name=\"mediator\""), page.indexOf("</select>", page.indexOf("name=\"mediator\"")));
		int village = select.indexOf("label=\"高庙村人民调解委员会\"");
		int township = select.indexOf("label=\"清河镇人民调解委员会\"");
		int roster = select.indexOf("label=\"三官一师");
		int cadres = select.indexOf("label=\"其他干部");
		assertThat(village).as("the village's own committee").isGreaterThanOrEqualTo(0);
		assertThat(List.of(village, township, roster, cadres)).isSorted().doesNotContain(-1);
		assertThat(select.indexOf("roster:" + member.get("id"))).isBetween(village, township);
		// among the cadres, the village's own before the township's before the county's; no department, admin or supervisor
		assertThat(List.of(select.indexOf("account:gaomiao.cadre"), select.indexOf("account:qinghe.leader"), select.indexOf("account:dispatcher")))
			.isSorted().doesNotContain(-1).allMatch(i -> i > cadres);
		assertThat(select).doesNotContain("account:mzj.staff").doesNotContain("account:admin").doesNotContain("account:supervisor")
			.doesNotContain("account:xishang.cadre");
		// named from the page's one list: a committee member, then the county command centre's clerk
		mvc.perform(post("/disputes/" + id + "/mediators").with(csrf()).with(as("gaomiao.cadre")).param("mediator", "roster:" + member.get("id"))
			.param("version", String.valueOf(version(id)))).andExpect(status().is3xxRedirection());
		mvc.perform(post("/disputes/" + id + "/mediators").with(csrf()).with(as("gaomiao.cadre")).param("mediator", "account:dispatcher")
			.param("version", String.valueOf(version(id)))).andExpect(status().is3xxRedirection());
		mvc.perform(post("/disputes/" + id + "/mediators").with(csrf()).with(as("gaomiao.cadre")).param("mediator", "account:mzj.staff")
			.param("version", String.valueOf(version(id)))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/disputes/" + id).with(as("gaomiao.cadre")))
			.andExpect(jsonPath("$.mediators[0].kind").value("MEDIATOR"))
			.andExpect(jsonPath("$.mediators[0].organisation").value("高庙村人民调解委员会"))
			.andExpect(jsonPath("$.mediators[1].kind").value("CADRE"))
			.andExpect(jsonPath("$.mediators[1].role").value("COUNTY_STAFF"));
		// once named, they are no longer offered
		String again = mvc.perform(get("/disputes/" + id).with(as("gaomiao.cadre"))).andReturn().getResponse().getContentAsString();
		assertThat(again).doesNotContain("value=\"roster:" + member.get("id") + "\"").doesNotContain("value=\"account:dispatcher\"");
		mvc.perform(post("/api/v1/disputes/" + id + "/close").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"outcome\":\"SETTLED\",\"agreementText\":\"柴草三日内移走，赔偿院墙修缮费800元。\",\"version\":" + version(id) + "}"))
			.andExpect(status().isOk());
		byte[] pdf = mvc.perform(get("/disputes/" + id + "/agreement.pdf").with(as("gaomiao.cadre"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (var document = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(document).replaceAll("[\\s\\u3000]", "");
			assertThat(text).contains("人民调解员" + member.get("name") + "签名：年月日")
				.contains("县级工作人员县接诉即办指挥中心何静签名：年月日")
				.doesNotContain("人民调解员县接诉即办指挥中心")
				.contains("800元（人民币捌佰元整）")
				.contains("本协议一式三份")
				.contains("高庙村人民调解委员会（印章）");
		}
	}

	@Test
	void a_committee_member_is_kept_at_a_village_and_needs_no_organisation_typed() throws Exception {
		mvc.perform(post("/api/v1/disputes/professionals").with(csrf()).with(as("qinghe.leader")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"调委会新委员\",\"kind\":\"MEDIATOR\",\"regionCode\":\"" + GAOMIAO + "\"}"))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.organisation").value("高庙村人民调解委员会"));
		mvc.perform(post("/api/v1/disputes/professionals").with(csrf()).with(as("qinghe.leader")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"无单位的律师\",\"kind\":\"LAWYER\",\"regionCode\":\"" + QINGHE + "\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("organisation"));
		mvc.perform(post("/api/v1/disputes/professionals").with(csrf()).with(as("ganquan.leader")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"越界委员\",\"kind\":\"MEDIATOR\",\"regionCode\":\"" + GAOMIAO + "\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("regionCode"));
	}

}
