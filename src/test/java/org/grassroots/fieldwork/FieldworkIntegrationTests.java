package org.grassroots.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Visits and patrols from the phone: scoped, idempotent on replay, and a visit's need becomes an appeal. */
class FieldworkIntegrationTests extends IntegrationTestSupport {

	private String visit(String key, long household, String extra) {
		return "{\"clientKey\":\"" + key + "\",\"householdId\":" + household + ",\"purpose\":\"KEY_GROUP\",\"heard\":\"老人身体还好\"" + extra + "}";
	}

	@Test
	void a_visit_sent_twice_is_stored_once() throws Exception {
		long household = householdIdIn(GAOMIAO_GRID1);
		String key = UUID.randomUUID().toString();
		long before = count("SELECT COUNT(*) FROM fieldwork_visit");
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(key, household, ""))).andExpect(status().isCreated()).andExpect(jsonPath("$.regionCode").value(GAOMIAO_GRID1));
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(key, household, ""))).andExpect(status().isOk()).andExpect(jsonPath("$.clientKey").value(key));
		assertThat(count("SELECT COUNT(*) FROM fieldwork_visit")).isEqualTo(before + 1);
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'visit' AND actor = 'gaomiao.grid1'")).isPositive();
		// someone else sending the same key (another village's cadre) learns nothing of the visit it names
		String foreign = mvc.perform(post("/api/v1/visits").with(csrf()).with(as("xishang.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(key, householdIdIn(XISHANG), ""))).andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		assertThat(foreign).contains("clientKey").doesNotContain("老人身体还好").doesNotContain(GAOMIAO_GRID1);
	}

	@Test
	void a_need_found_on_a_visit_becomes_a_grid_workers_appeal() throws Exception {
		long household = householdIdIn(GAOMIAO_GRID1);
		long appeals = count("SELECT COUNT(*) FROM appeals_appeal WHERE channel = 'GRID' AND submitted_by = 'gaomiao.grid1'");
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(UUID.randomUUID().toString(), household,
					",\"needs\":\"屋顶漏雨需要维修\",\"followUp\":\"APPEAL\",\"appealCategory\":\"OTHER\"")))
			.andExpect(status().isCreated());
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal WHERE channel = 'GRID' AND submitted_by = 'gaomiao.grid1'")).isEqualTo(appeals + 1);
		assertThat(jdbc.sql("SELECT description || '|' || region_path FROM appeals_appeal WHERE channel = 'GRID' AND submitted_by = 'gaomiao.grid1' ORDER BY id DESC LIMIT 1")
			.query(String.class).single()).startsWith("屋顶漏雨需要维修|").contains("/" + GAOMIAO_GRID1 + "/");
		// without the needs, nothing goes on and nothing is stored
		long visits = count("SELECT COUNT(*) FROM fieldwork_visit");
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(UUID.randomUUID().toString(), household, ",\"followUp\":\"APPEAL\"")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("needs"));
		assertThat(count("SELECT COUNT(*) FROM fieldwork_visit")).isEqualTo(visits);
	}

	@Test
	void visits_and_patrols_stay_in_scope() throws Exception {
		long foreign = householdIdIn(XISHANG);
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(UUID.randomUUID().toString(), foreign, ""))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("householdId"));
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("supervisor")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(UUID.randomUUID().toString(), householdIdIn(GAOMIAO_GRID1), ""))).andExpect(status().isForbidden());
		String list = mvc.perform(get("/api/v1/visits").param("size", "200").with(as("xishang.cadre"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(list).doesNotContain(GAOMIAO_GRID1);
		mvc.perform(get("/api/v1/visits").param("regionCode", GAOMIAO).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/patrols").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"clientKey\":\"" + UUID.randomUUID() + "\",\"regionCode\":\"" + XISHANG + "\"}")).andExpect(status().isBadRequest());
	}

	@Test
	void a_patrol_is_started_once_and_ended_by_its_patroller() throws Exception {
		String key = UUID.randomUUID().toString();
		String body = "{\"clientKey\":\"" + key + "\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\",\"routeText\":\"一组至三组\"}";
		String created = mvc.perform(post("/api/v1/patrols").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long id = Long.parseLong(created.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1"));
		mvc.perform(post("/api/v1/patrols").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
		mvc.perform(post("/api/v1/patrols/" + id + "/end").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"findings\":\"x\"}")).andExpect(status().isForbidden());
		// the key replayed by someone else, or ended by it, answers nothing of the patrol
		String foreign = mvc.perform(post("/api/v1/patrols").with(csrf()).with(as("xishang.cadre")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"clientKey\":\"" + key + "\",\"regionCode\":\"" + XISHANG + "\"}")).andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		assertThat(foreign).doesNotContain("一组至三组").doesNotContain(GAOMIAO_GRID1);
		mvc.perform(post("/api/v1/patrols/by-key/" + key + "/end").with(csrf()).with(as("xishang.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"findings\":\"x\"}")).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/patrols/" + id + "/end").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"findings\":\"二组路口井盖缺失\"}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.findings").value("二组路口井盖缺失"))
			.andExpect(jsonPath("$.endedAt").isNotEmpty());
	}

	private static String png(int size, boolean withText) throws Exception {
		var image = new java.awt.image.BufferedImage(size, size, java.awt.image.BufferedImage.TYPE_INT_RGB);
		image.setRGB(1, 1, 0xC8102E);
		var out = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(image, "png", out);
		return "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(out.toByteArray());
	}

	@Test
	void a_visit_keeps_its_photos_and_position_and_shows_them_only_in_scope() throws Exception {
		long household = householdIdIn(GAOMIAO_GRID1);
		String body = mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(UUID.randomUUID().toString(), household, ",\"photos\":[\"" + png(8, false) + "\",\"" + png(12, false)
					+ "\"],\"latitude\":38.98,\"longitude\":100.96")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.photos").value(2))
			.andExpect(jsonPath("$.latitude").value(38.98))
			.andReturn().getResponse().getContentAsString();
		long id = Long.parseLong(body.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1"));
		byte[] second = mvc.perform(get("/api/v1/visits/" + id + "/photos/1").with(as("gaomiao.cadre")))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().contentType("image/png"))
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(second)).getWidth()).isEqualTo(12);
		mvc.perform(get("/api/v1/visits/" + id + "/photos/2").with(as("gaomiao.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/visits/" + id + "/photos/0").with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/visits/" + id).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/visits/" + id + "/photos/0").with(as("mzj.staff"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/visits/" + id).with(as("gaomiao.cadre"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.photos").value(2));
		// the visit ledger links both photos and shows the position
		mvc.perform(get("/fieldwork/visits").param("visitor", "gaomiao.grid1").with(as("gaomiao.cadre"))).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(org.hamcrest.Matchers.allOf(
					org.hamcrest.Matchers.containsString("/api/v1/visits/" + id + "/photos/1"),
					org.hamcrest.Matchers.containsString("📍38.9800,100.9600"))));
	}

	@Test
	void a_visit_with_a_bad_photo_a_fourth_photo_or_half_a_position_is_refused_and_stores_nothing() throws Exception {
		long household = householdIdIn(GAOMIAO_GRID1);
		long visits = count("SELECT COUNT(*) FROM fieldwork_visit");
		long photos = count("SELECT COUNT(*) FROM fieldwork_photo");
		String notAnImage = java.util.Base64.getEncoder().encodeToString("<?php echo 1; ?> not a picture".getBytes());
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(UUID.randomUUID().toString(), household, ",\"photos\":[\"" + png(8, false) + "\",\"" + notAnImage + "\"]")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("photos"));
		String four = String.join("\",\"", png(4, false), png(5, false), png(6, false), png(7, false));
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(UUID.randomUUID().toString(), household, ",\"photos\":[\"" + four + "\"]")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("photos"));
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content(visit(UUID.randomUUID().toString(), household, ",\"latitude\":38.9")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("latitude"));
		assertThat(count("SELECT COUNT(*) FROM fieldwork_visit")).isEqualTo(visits);
		assertThat(count("SELECT COUNT(*) FROM fieldwork_photo")).isEqualTo(photos);
	}

	@Test
	void an_incident_reported_on_a_patrol_started_offline_becomes_an_appeal_and_the_patrol_ends_by_its_key() throws Exception {
		String patrolKey = UUID.randomUUID().toString();
		mvc.perform(post("/api/v1/patrols").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"clientKey\":\"" + patrolKey + "\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\"}")).andExpect(status().isCreated());
		long appeals = count("SELECT COUNT(*) FROM appeals_appeal WHERE channel = 'GRID' AND submitted_by = 'gaomiao.grid1'");
		mvc.perform(post("/api/v1/visits").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"clientKey\":\"" + UUID.randomUUID() + "\",\"regionCode\":\"" + GAOMIAO_GRID1 + "\",\"placeText\":\"村口桥头\","
					+ "\"purpose\":\"EVENT\",\"needs\":\"桥头护栏断了一截，有安全隐患\",\"followUp\":\"APPEAL\",\"appealCategory\":\"ROAD_LIGHTING\","
					+ "\"patrolKey\":\"" + patrolKey + "\",\"photos\":[\"" + png(10, false) + "\"]}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.purpose").value("EVENT"))
			.andExpect(jsonPath("$.patrolKey").value(patrolKey))
			.andExpect(jsonPath("$.householdId").doesNotExist());
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal WHERE channel = 'GRID' AND submitted_by = 'gaomiao.grid1'")).isEqualTo(appeals + 1);
		assertThat(jdbc.sql("SELECT category_code FROM appeals_appeal WHERE channel = 'GRID' AND submitted_by = 'gaomiao.grid1' ORDER BY id DESC LIMIT 1")
			.query(String.class).single()).isEqualTo("ROAD_LIGHTING");
		// someone else cannot end it; its patroller can, by the key, and again without change
		mvc.perform(post("/api/v1/patrols/by-key/" + patrolKey + "/end").with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"findings\":\"x\"}")).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/patrols/by-key/" + UUID.randomUUID() + "/end").with(csrf()).with(as("gaomiao.grid1"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"findings\":\"x\"}")).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/patrols/by-key/" + patrolKey + "/end").with(csrf()).with(as("gaomiao.grid1"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"findings\":\"桥头护栏已上报\"}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.findings").value("桥头护栏已上报")).andExpect(jsonPath("$.endedAt").exists());
		mvc.perform(post("/api/v1/patrols/by-key/" + patrolKey + "/end").with(csrf()).with(as("gaomiao.grid1"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"findings\":\"又一次\"}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.findings").value("桥头护栏已上报"));
	}

	@Test
	void the_phone_app_reads_the_appeal_categories_in_the_users_language() throws Exception {
		mvc.perform(get("/api/v1/appeals/categories").with(as("gaomiao.grid1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.code == 'ROAD_LIGHTING')].name").value(org.hamcrest.Matchers.hasItem("道路与路灯")));
		mvc.perform(get("/api/v1/appeals/categories").header("Accept-Language", "en").with(as("gaomiao.grid1")))
			.andExpect(jsonPath("$[?(@.code == 'ROAD_LIGHTING')].name").value(org.hamcrest.Matchers.hasItem(
					org.hamcrest.Matchers.not("道路与路灯"))));
	}

}
