package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The appeal page offers exactly the steps the policy allows this person now — each its own small form with labelled
 * fields — says what a step did once it is taken, and keeps what was typed beside the field's problem when it is not.
 */
class AppealStepPanelIntegrationTests extends IntegrationTestSupport {

	private static final Map<String, String> PANEL = Map.ofEntries(Map.entry("ACCEPT", "accept"), Map.entry("ESCALATE", "escalate"),
			Map.entry("TRANSFER", "transfer"), Map.entry("MERGE", "merge"), Map.entry("EXTEND", "extend"), Map.entry("WHISTLE", "whistle"),
			Map.entry("RESOLVE", "resolve"), Map.entry("RATE", "rate"), Map.entry("REOPEN", "reopen"), Map.entry("REJECT", "reject"),
			Map.entry("CLOSE", "close"), Map.entry("MEDIATION", "mediate"), Map.entry("REPORT_IN", "report-in"));

	private final JsonMapper json = JsonMapper.builder().build();

	private JsonNode submit(String description) throws Exception {
		return json.readTree(mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"APPEAL_POINT\",\"categoryCode\":\"OTHER\",\"description\":\"" + description + "\",\"regionCode\":\""
					+ GAOMIAO_GRID1 + "\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private JsonNode read(String user, long id) throws Exception {
		return json.readTree(mvc.perform(get("/api/v1/appeals/" + id).with(as(user))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString());
	}

	private String page(String user, long id) throws Exception {
		return mvc.perform(get("/appeals/" + id).with(as(user))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	/** The step forms on the page, by their ids ({@code step-accept} → accept). */
	private static Set<String> panels(String page) {
		Set<String> found = new TreeSet<>();
		Matcher m = Pattern.compile("id=\"step-([a-z-]+)\"").matcher(page);
		while (m.find()) {
			found.add(m.group(1));
		}
		return found;
	}

	/** The page's forms are exactly the steps the API (the same policy) allows this person now. */
	private Set<String> assertOffersExactlyTheAllowedSteps(String user, long id) throws Exception {
		Set<String> allowed = new TreeSet<>();
		read(user, id).get("allowedSteps").forEach(s -> allowed.add(PANEL.get(s.asString())));
		String page = page(user, id);
		assertThat(panels(page)).as(user).isEqualTo(allowed);
		// each field has a visible label, none a placeholder standing in for one
		String actions = page.contains("id=\"actions\"") ? page.substring(page.indexOf("id=\"actions\"")) : "";
		assertThat(actions).doesNotContain("placeholder=");
		return allowed;
	}

	/** Takes a step from the page; returns the line the page shows after it. */
	private String take(String user, long id, String action, String... params) throws Exception {
		MockHttpServletRequestBuilder request = post("/appeals/" + id + "/" + action).with(csrf()).with(as(user))
			.param("version", String.valueOf(read(user, id).get("version").asInt()));
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		MvcResult result = mvc.perform(request).andExpect(redirectedUrl("/appeals/" + id)).andReturn();
		String flash = (String) result.getFlashMap().get("flash");
		// shown on the page the step leads back to, as a status line (the flash handed over as the redirect would)
		String shown = mvc.perform(get("/appeals/" + id).with(as(user)).requestAttr(org.springframework.web.servlet.DispatcherServlet.INPUT_FLASH_MAP_ATTRIBUTE, result.getFlashMap())).andReturn().getResponse()
			.getContentAsString();
		assertThat(shown).contains("role=\"status\">" + flash + "<");
		return flash;
	}

	@Test
	void each_person_is_offered_exactly_the_steps_they_may_take_now_for_a_few_states() throws Exception {
		long id = submit("村口排水沟堵塞，下雨就积水").get("id").asLong();
		assertThat(assertOffersExactlyTheAllowedSteps("gaomiao.cadre", id))
			.containsExactlyInAnyOrder("accept", "escalate", "transfer", "merge", "reject", "mediate");
		// a supervisor reads it and is offered nothing
		assertThat(assertOffersExactlyTheAllowedSteps("supervisor", id)).isEmpty();
		assertThat(page("supervisor", id)).doesNotContain("id=\"actions\"");
		take("gaomiao.cadre", id, "accept");
		assertThat(assertOffersExactlyTheAllowedSteps("gaomiao.cadre", id)).contains("resolve", "escalate").doesNotContain("accept",
				"extend", "whistle");
		take("gaomiao.cadre", id, "escalate", "note", "涉及跨村排水");
		// escalated: nothing left for the village; the township signs, extends, transfers …
		assertThat(assertOffersExactlyTheAllowedSteps("gaomiao.cadre", id)).isEmpty();
		assertThat(assertOffersExactlyTheAllowedSteps("qinghe.leader", id)).contains("accept", "extend").doesNotContain("escalate",
				"resolve", "whistle");
		take("qinghe.leader", id, "accept");
		assertThat(assertOffersExactlyTheAllowedSteps("qinghe.leader", id)).contains("resolve", "whistle", "extend", "transfer");
		take("qinghe.leader", id, "resolve", "note", "已疏通排水沟");
		assertThat(assertOffersExactlyTheAllowedSteps("qinghe.leader", id)).containsExactlyInAnyOrder("rate", "close", "reopen");
		// the whistled department is offered its report-in, and only that
		long whistled = submit("低保户房屋漏雨需要核查").get("id").asLong();
		take("gaomiao.cadre", whistled, "accept");
		take("qinghe.leader", whistled, "whistle", "departments", "县民政局", "note", "请核查低保户住房");
		assertThat(assertOffersExactlyTheAllowedSteps("mzj.staff", whistled)).containsExactly("report-in");
	}

	@Test
	void every_step_taken_from_the_page_says_what_it_did() throws Exception {
		JsonNode a = submit("二组水管爆裂，路面结冰");
		long id = a.get("id").asLong();
		assertThat(take("gaomiao.cadre", id, "accept")).isEqualTo("已签收，请在办结时限内办理。");
		assertThat(take("gaomiao.cadre", id, "escalate", "note", "需乡镇协调供水公司")).isEqualTo("已上报乡镇，等待乡镇签收。");
		take("qinghe.leader", id, "accept");
		assertThat(take("qinghe.leader", id, "extend", "days", "3", "note", "等待配件")).matches("已延期 3 个工作日，新的办结时限为 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d。");
		assertThat(take("qinghe.leader", id, "whistle", "departments", "县住建局", "departments", "县水务局", "note", "请协助抢修"))
			.isEqualTo("已吹哨：县住建局、县水务局，各部门须在时限内报到。");
		assertThat(take("qinghe.leader", id, "resolve", "note", "已抢修完毕")).isEqualTo("已办结，等待回访评价。");
		assertThat(take("qinghe.leader", id, "rate", "rating", "SATISFIED")).isEqualTo("已记录回访评价：满意。");
		assertThat(take("qinghe.leader", id, "reopen", "note", "群众反映又漏水")).isEqualTo("已重新办理。");

		long other = submit("三组路灯不亮").get("id").asLong();
		assertThat(take("gaomiao.cadre", other, "transfer", "unit", "村电工", "note", "由村电工维修"))
			.startsWith("已转派至 ").endsWith(" · 村电工，等待对方签收。");
		assertThat(take("gaomiao.cadre", other, "mediate", "note", "涉及邻里用电纠纷")).isEqualTo("已转为矛盾纠纷调解。");
		assertThat(take("gaomiao.cadre", other, "reject", "note", "已由供电所受理")).isEqualTo("已不予受理，理由已告知群众。");

		long kept = submit("四组垃圾无人清运").get("id").asLong();
		long twin = submit("四组垃圾堆了一周没人清运").get("id").asLong();
		String code = read("gaomiao.cadre", kept).get("trackingCode").asString();
		assertThat(take("gaomiao.cadre", twin, "merge", "target", code.toLowerCase())).isEqualTo("已合并至诉求 " + code + "。");
		take("gaomiao.cadre", kept, "accept");
		take("gaomiao.cadre", kept, "resolve", "note", "已清运");
		assertThat(take("gaomiao.cadre", kept, "close")).isEqualTo("已结案。");

		// in English for an English reader
		long english = submit("五组井盖缺失").get("id").asLong();
		MvcResult result = mvc.perform(post("/appeals/" + english + "/accept").with(csrf()).with(as("gaomiao.cadre"))
			.header("Accept-Language", "en").param("version", "0")).andReturn();
		assertThat(result.getFlashMap().get("flash")).isEqualTo("Accepted: handle it within its deadline.");
	}

	@Test
	void a_refused_step_answers_on_the_appeal_page_with_the_problem_beside_the_field_and_what_was_typed() throws Exception {
		long id = submit("六组桥面破损").get("id").asLong();
		take("gaomiao.cadre", id, "accept");
		int version = read("gaomiao.cadre", id).get("version").asInt();
		// no result: 400, the resolve form open with its field marked
		String page = mvc.perform(post("/appeals/" + id + "/resolve").with(csrf()).with(as("gaomiao.cadre")).param("version", String.valueOf(version))
			.param("note", "  ")).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"step-error\"", "id=\"result-error\"");
		assertThat(page).containsPattern("<details class=\"step card mb-2\" id=\"step-resolve\" open=\"open\">");
		// a unit typed for a transfer without its reason: the unit is kept, the reason named
		page = mvc.perform(post("/appeals/" + id + "/transfer").with(csrf()).with(as("gaomiao.cadre")).param("version", String.valueOf(version))
			.param("unit", "县住建局").param("note", "")).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"transfer-unit\"").containsPattern("id=\"transfer-unit\"[^>]*value=\"县住建局\"");
		assertThat(page).contains("id=\"transfer-note-error\"").containsPattern("id=\"step-transfer\" open=\"open\"");
		// a reason over the limit: kept as typed, its field says why
		String reason = "不".repeat(2001);
		page = mvc.perform(post("/appeals/" + id + "/reject").with(csrf()).with(as("gaomiao.cadre")).param("version", String.valueOf(version))
			.param("note", reason)).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains(">" + reason + "</textarea>").contains("不予受理的理由：");
		// days out of range for an extension (the township's): its field
		take("gaomiao.cadre", id, "escalate", "note", "需乡镇处理");
		take("qinghe.leader", id, "accept");
		version = read("qinghe.leader", id).get("version").asInt();
		page = mvc.perform(post("/appeals/" + id + "/extend").with(csrf()).with(as("qinghe.leader")).param("version", String.valueOf(version))
			.param("days", "45").param("note", "等待材料")).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"extend-days-error\"").containsPattern("id=\"extend-days\"[^>]*value=\"45\"")
			.contains(">等待材料</textarea>");
		// an old version: 409 on the appeal page itself, the typed text kept to send again
		page = mvc.perform(post("/appeals/" + id + "/resolve").with(csrf()).with(as("qinghe.leader")).param("version", String.valueOf(version - 1))
			.param("note", "已修复桥面")).andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"step-error\"", "该记录已被他人修改", ">已修复桥面</textarea>");
		assertThat(count("SELECT COUNT(*) FROM appeals_event WHERE appeal_id = ? AND action = 'RESOLVE'", id)).isZero();
	}


	private static byte[] png(int width, int height) throws Exception {
		java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	/** The resolve step as the page sends it: a multipart form, the version and the result first, the photos last. */
	private MockHttpServletRequestBuilder resolveWithPhotos(long id, int version, String result, java.util.List<byte[]> photos) {
		String boundary = "----result" + System.nanoTime();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n" + version + "\r\n").getBytes(utf8));
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n" + result + "\r\n").getBytes(utf8));
		for (byte[] photo : photos) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"after.png\"\r\n"
					+ "Content-Type: image/png\r\n\r\n").getBytes(utf8));
			body.writeBytes(photo);
			body.writeBytes("\r\n".getBytes(utf8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(utf8));
		return post("/appeals/" + id + "/resolve").with(csrf().asHeader()).contentType("multipart/form-data; boundary=" + boundary)
			.content(body.toByteArray());
	}

	@Test
	void photos_of_the_result_go_with_the_resolve_step_and_are_shown_only_within_the_appeals_scope() throws Exception {
		long id = submit("七组路面塌陷").get("id").asLong();
		take("gaomiao.cadre", id, "accept");
		int version = read("gaomiao.cadre", id).get("version").asInt();
		// not an image: refused by the photo field, the result kept, nothing resolved
		String page = mvc.perform(resolveWithPhotos(id, version, "已回填压实", java.util.List.of("不是照片".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.with(as("gaomiao.cadre"))).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"result-photos-error\"", ">已回填压实</textarea>");
		assertThat(read("gaomiao.cadre", id).get("status").asString()).isEqualTo("ACCEPTED");
		MvcResult resolved = mvc.perform(resolveWithPhotos(id, version, "已回填压实并铺设沥青", java.util.List.of(png(48, 36)))
			.with(as("gaomiao.cadre"))).andExpect(redirectedUrl("/appeals/" + id)).andReturn();
		assertThat(resolved.getFlashMap().get("flash")).isEqualTo("已办结（附结果照片 1 张），等待回访评价。");
		long photo = count("SELECT MAX(id) FROM appeals_result_photo WHERE appeal_id = ?", id);
		String url = "/appeals/" + id + "/result-photos/" + photo;
		assertThat(page("gaomiao.cadre", id)).contains("src=\"" + url + "\"");
		mvc.perform(get(url).with(as("qinghe.leader"))).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().contentType(MediaType.IMAGE_PNG));
		mvc.perform(get(url).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get(url).with(as("ganquan.leader"))).andExpect(status().isNotFound());
	}

}
