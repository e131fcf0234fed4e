package org.grassroots.petitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.calendar.WorkingCalendar;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * 销号 from the petition page: each person is offered only the steps they may take on each item (never the approval of
 * their own request), every step says what it did, the approvers find what waits for them on one list within their
 * scope, and evidence photos go with a request and are shown only to those whose scope covers the petition.
 */
class PetitionCloseOutIntegrationTests extends IntegrationTestSupport {

	private long register(String as, String region, String owner, String... items) throws Exception {
		StringBuilder list = new StringBuilder();
		for (String i : items) {
			list.append(list.length() == 0 ? "" : ",").append('"').append(i).append('"');
		}
		String body = mvc.perform(post("/api/v1/petitions").with(csrf()).with(as(as)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"form\":\"VISIT\",\"receivedOn\":\"" + LocalDate.now(WorkingCalendar.ZONE) + "\",\"headcount\":2,"
					+ "\"matter\":\"反映村道排水沟堵塞导致农田被淹\",\"category\":\"CONSTRUCTION\",\"regionCode\":\"" + region
					+ "\",\"levelReached\":\"TOWNSHIP\",\"ownerUsername\":\"" + owner + "\",\"petitioners\":[{\"name\":\"信访人丁\"}],"
					+ "\"items\":[" + list + "]}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return Long.parseLong(body.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1"));
	}

	private int version(long id) {
		return jdbc.sql("SELECT version FROM petitions_petition WHERE id = :id").param("id", id).query(Integer.class).single();
	}

	private String itemStatus(long id, int item) {
		return jdbc.sql("SELECT status FROM petitions_item WHERE petition_id = :id AND item_key = :k").param("id", id).param("k", item - 1)
			.query(String.class).single();
	}

	private String page(String user, String path) throws Exception {
		return mvc.perform(get(path).with(as(user))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	/** Takes a step from the petition page; returns the line the page shows after it. */
	private String take(String user, long id, String action, String... params) throws Exception {
		MockHttpServletRequestBuilder request = post("/petitions/" + id + "/" + action).with(csrf()).with(as(user))
			.param("version", String.valueOf(version(id)));
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		MvcResult result = mvc.perform(request).andExpect(redirectedUrl("/petitions/" + id)).andReturn();
		String flash = (String) result.getFlashMap().get("flash");
		String shown = mvc.perform(get("/petitions/" + id).with(as(user)).requestAttr(org.springframework.web.servlet.DispatcherServlet.INPUT_FLASH_MAP_ATTRIBUTE, result.getFlashMap())).andReturn().getResponse()
			.getContentAsString();
		assertThat(shown).contains("role=\"status\">" + flash + "<");
		return flash;
	}

	private static byte[] png(int width, int height) throws Exception {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		image.getGraphics().fillRect(0, 0, width / 2, height / 2);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	/** A close-out request as the page sends it: a multipart form, its text fields first and the photos last. */
	private MockHttpServletRequestBuilder withPhotos(long id, Map<String, String> fields, List<byte[]> photos) {
		String boundary = "----closeout" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
				+ "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
		for (int i = 0; i < photos.size(); i++) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"现场" + (i + 1)
					+ ".png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.writeBytes(photos.get(i));
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return post("/petitions/" + id + "/request").with(csrf().asHeader())
			.contentType("multipart/form-data; boundary=" + boundary).content(body.toByteArray());
	}

	private Map<String, String> request(long id, int item, String evidence) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("version", String.valueOf(version(id)));
		fields.put("item", String.valueOf(item));
		fields.put("evidence", evidence);
		return fields;
	}

	@Test
	void the_requester_is_not_offered_the_approval_of_their_own_request_and_is_refused_it_if_they_send_it() throws Exception {
		long id = register("qinghe.staff", GAOMIAO, "qinghe.leader", "疏通排水沟", "公开施工验收情况");
		assertThat(take("qinghe.leader", id, "request", "item", "1", "evidence", "排水沟已疏通，村民代表到场验收"))
			.isEqualTo("第 1 项已申请销号，等待另一位领导批准。");
		String own = page("qinghe.leader", "/petitions/" + id);
		assertThat(own).doesNotContain("id=\"step-approve-1\"").contains("id=\"step-return-1\"", "这是您提出的销号申请");
		// another approver is offered it; a township staff member (no right to approve) and a supervisor are not
		assertThat(page("county.staff", "/petitions/" + id)).contains("id=\"step-approve-1\"", "id=\"step-return-1\"");
		String staff = page("qinghe.staff", "/petitions/" + id);
		assertThat(staff).doesNotContain("id=\"step-approve-1\"", "id=\"step-return-1\"").contains("id=\"step-request-2\"");
		assertThat(page("supervisor", "/petitions/" + id)).doesNotContain("id=\"step-");
		// the API says the same with each item
		mvc.perform(get("/api/v1/petitions/" + id).with(as("qinghe.leader")))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.items[0].allowedSteps")
				.value(org.hamcrest.Matchers.contains("RETURN")));
		// sent all the same, it is refused and nothing changes
		int before = version(id);
		mvc.perform(post("/petitions/" + id + "/approve").with(csrf()).with(as("qinghe.leader")).param("version", String.valueOf(before))
			.param("item", "1"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("销号须由申请人以外的人批准")));
		assertThat(itemStatus(id, 1)).isEqualTo("REQUESTED");
		assertThat(version(id)).isEqualTo(before);

		// every other step says what it did
		assertThat(take("county.staff", id, "approve", "item", "1")).isEqualTo("第 1 项已批准销号。");
		take("qinghe.staff", id, "request", "item", "2", "evidence", "验收情况已在村务公开栏张贴");
		assertThat(take("qinghe.leader", id, "approve", "item", "2")).matches("第 2 项已批准销号；XF\\d{4}-\\d{6} 的全部事项已销号，本案办结。");
		assertThat(take("qinghe.staff", id, "reopen", "item", "2", "note", "公开栏被撕毁，群众再次来访")).isEqualTo("第 2 项已重新打开，本案重新在办。");
		assertThat(take("qinghe.staff", id, "items", "description", "重新张贴并拍照留存")).isEqualTo("已增加第 3 项事项。");
		take("qinghe.staff", id, "request", "item", "3", "evidence", "已重新张贴");
		assertThat(take("qinghe.leader", id, "return", "item", "3", "note", "请附张贴后的照片")).isEqualTo("第 3 项的销号申请已退回。");
	}

	@Test
	void approvers_find_the_requests_waiting_for_them_within_their_scope_on_one_list() throws Exception {
		long qinghe = register("qinghe.staff", GAOMIAO, "qinghe.leader", "补发误工补贴");
		String qingheEvidence = "误工补贴已打卡发放" + System.nanoTime();
		take("qinghe.staff", qinghe, "request", "item", "1", "evidence", qingheEvidence);
		long ganquan = register("ganquan.leader", XISHANG, "ganquan.leader", "修复灌溉渠");
		String ganquanEvidence = "灌溉渠已修复通水" + System.nanoTime();
		take("ganquan.leader", ganquan, "request", "item", "1", "evidence", ganquanEvidence);

		String leader = page("qinghe.leader", "/petitions/approvals");
		assertThat(leader).contains(qingheEvidence).doesNotContain(ganquanEvidence);
		long waitingForLeader = count("SELECT COUNT(*) FROM petitions_item i JOIN petitions_petition p ON p.id = i.petition_id "
				+ "WHERE p.region_path LIKE '%/620799100000/%' AND i.status = 'REQUESTED' AND i.requested_by <> 'qinghe.leader'");
		assertThat(leader).contains("id=\"approvals-count\">" + waitingForLeader + "<");
		// the other township's leader sees neither: not the other township's, not the one they asked for themselves
		String other = page("ganquan.leader", "/petitions/approvals");
		assertThat(other).doesNotContain(qingheEvidence).doesNotContain(ganquanEvidence);
		assertThat(page("county.staff", "/petitions/approvals")).contains(qingheEvidence, ganquanEvidence);
		// no right to approve, no list
		mvc.perform(get("/petitions/approvals").with(as("qinghe.staff"))).andExpect(status().isForbidden());
		mvc.perform(get("/petitions/approvals").with(as("gaomiao.cadre"))).andExpect(status().isForbidden());
		// the menu and the workbench lead there for those who approve
		assertThat(leader).contains("href=\"/petitions/approvals\"");
		assertThat(page("qinghe.staff", "/petitions")).doesNotContain("href=\"/petitions/approvals\"");
		assertThat(page("county.staff", "/")).contains("href=\"/petitions/approvals\"");

		// approved from the list, it leaves the list and says so
		MvcResult approved = mvc.perform(post("/petitions/" + qinghe + "/approve").with(csrf()).with(as("qinghe.leader"))
			.param("version", String.valueOf(version(qinghe))).param("item", "1").param("back", "approvals"))
			.andExpect(redirectedUrl("/petitions/approvals")).andReturn();
		assertThat(approved.getFlashMap().get("flash")).asString().startsWith("第 1 项已批准销号");
		assertThat(page("qinghe.leader", "/petitions/approvals")).doesNotContain(qingheEvidence);
	}

	@Test
	void photos_sent_with_a_close_out_are_shown_only_to_those_whose_scope_covers_the_petition() throws Exception {
		long id = register("qinghe.staff", GAOMIAO, "qinghe.leader", "清理河道垃圾");
		MvcResult sent = mvc.perform(withPhotos(id, request(id, 1, "河道垃圾已清运，附清理前后照片"), List.of(png(40, 30), png(64, 48)))
			.with(as("qinghe.staff")))
			.andExpect(redirectedUrl("/petitions/" + id)).andReturn();
		assertThat(sent.getFlashMap().get("flash")).isEqualTo("第 1 项已申请销号（附照片 2 张），等待另一位领导批准。");
		List<Long> photos = jdbc.sql("SELECT id FROM petitions_photo WHERE petition_id = :id ORDER BY id").param("id", id).query(Long.class).list();
		assertThat(photos).hasSize(2);
		String url = "/petitions/" + id + "/photos/" + photos.get(0);
		// thumbnails on the petition page and on the approver's list
		assertThat(page("qinghe.leader", "/petitions/" + id)).contains("src=\"" + url + "\"");
		assertThat(page("qinghe.leader", "/petitions/approvals")).contains("src=\"" + url + "\"");
		byte[] image = mvc.perform(get(url).with(as("qinghe.leader"))).andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.IMAGE_PNG)).andReturn().getResponse().getContentAsByteArray();
		assertThat(ImageIO.read(new ByteArrayInputStream(image)).getWidth()).isEqualTo(40);
		mvc.perform(get(url).with(as("gaomiao.cadre"))).andExpect(status().isOk());
		// another township's leader, another village's cadre: as if it did not exist
		mvc.perform(get(url).with(as("ganquan.leader"))).andExpect(status().isNotFound());
		mvc.perform(get(url).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get(url)).andExpect(status().is3xxRedirection());
		// a photo of this petition is not reached through another one
		long other = register("qinghe.staff", GAOMIAO, "qinghe.leader", "另一件事项");
		mvc.perform(get("/petitions/" + other + "/photos/" + photos.get(0)).with(as("qinghe.leader"))).andExpect(status().isNotFound());
	}

	@Test
	void photos_that_are_not_images_or_too_many_are_refused_by_their_field_with_what_was_typed() throws Exception {
		long id = register("qinghe.staff", GAOMIAO, "qinghe.leader", "加固护栏");
		String evidence = "护栏已加固，附照片" + System.nanoTime();
		String page = mvc.perform(withPhotos(id, request(id, 1, evidence), List.of("这不是照片".getBytes(StandardCharsets.UTF_8)))
			.with(as("qinghe.staff")))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"photos-1-error\"", "照片须为 JPEG、PNG 或 WebP 图片", ">" + evidence + "</textarea>");
		List<byte[]> six = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			six.add(png(20, 20));
		}
		page = mvc.perform(withPhotos(id, request(id, 1, evidence), six).with(as("qinghe.staff")))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("每次最多附 5 张照片", ">" + evidence + "</textarea>")
			.containsPattern("id=\"step-request-1\" open=\"open\"");
		assertThat(itemStatus(id, 1)).isEqualTo("OPEN");
		assertThat(count("SELECT COUNT(*) FROM petitions_photo WHERE petition_id = ?", id)).isZero();
	}

}
