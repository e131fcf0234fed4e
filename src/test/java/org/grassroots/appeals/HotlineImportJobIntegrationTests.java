package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;

/**
 * A 12345 file is taken in as a job, HotlineOrders.BATCH orders a transaction: its progress is readable while it runs, what each
 * batch did is committed before the next starts, other intake does not wait for the file, and sending the file again
 * takes nothing in twice. The job is its owner's and its scope's only.
 */
class HotlineImportJobIntegrationTests extends IntegrationTestSupport {

	private static final int ORDERS = 5_000;

	private final JsonMapper json = JsonMapper.builder().build();

	private static byte[] csv(String prefix, int orders) {
		StringBuilder csv = new StringBuilder("工单编号,来电时间,诉求人,联系电话,诉求内容,诉求类型,地址/所属区域,办理时限\n");
		for (int i = 0; i < orders; i++) {
			csv.append(prefix).append(String.format("%06d", i)).append(",2026-11-02 09:15:00,李女士,138")
				.append(String.format("%08d", 10_000_000 + i)).append(",反映村里路灯不亮已有一周，请尽快修复,道路与路灯,")
				.append(i % 2 == 0 ? GAOMIAO_GRID1 : "清河镇高庙村第二网格").append(",\n");
		}
		return csv.toString().getBytes(StandardCharsets.UTF_8);
	}

	private JsonNode job(long id, String user) throws Exception {
		return json.readTree(mvc.perform(get("/api/v1/jobs/" + id).with(as(user))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString());
	}

	private long imported(String prefix) {
		return count("SELECT COUNT(*) FROM appeals_appeal WHERE external_ref LIKE ?", "12345:" + prefix + "%");
	}

	@Test
	void a_large_file_goes_in_batch_by_batch_while_intake_goes_on_and_a_second_sending_takes_nothing_twice() throws Exception {
		String prefix = "JOB" + System.nanoTime() % 100_000 + "-";
		byte[] file = csv(prefix, ORDERS);
		String location = mvc.perform(multipart("/appeals/hotline").file(new MockMultipartFile("file", "orders.csv", null, file))
			.with(csrf()).with(as("qinghe.staff")))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		assertThat(location).matches("/appeals/hotline/jobs/\\d+");
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

		// while it runs: each reading of the job is what is committed (other connections see the batches)
		List<long[]> partial = new ArrayList<>();
		boolean intakeWhileRunning = false;
		long deadline = System.nanoTime() + 180_000_000_000L;
		JsonNode state = job(id, "qinghe.staff");
		while (state.get("status").asText().equals("RUNNING")) {
			long committed = imported(prefix);
			if (committed > 0 && committed < ORDERS) {
				partial.add(new long[] {state.get("done").asLong(), committed});
				if (!intakeWhileRunning) {
					// someone else's appeal goes in now, and is in before the file is
					mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.cadre")).contentType(MediaType.APPLICATION_JSON)
						.content("{\"channel\":\"WALK_IN\",\"categoryCode\":\"OTHER\",\"description\":\"导入期间登记的诉求\","
								+ "\"regionCode\":\"" + GAOMIAO + "\",\"reporterName\":\"王大爷\",\"phone\":\"13812340099\"}"))
						.andExpect(status().isCreated());
					intakeWhileRunning = job(id, "qinghe.staff").get("status").asText().equals("RUNNING");
				}
			}
			assertThat(System.nanoTime()).as("the job ended in time").isLessThan(deadline);
			Thread.sleep(20);
			state = job(id, "qinghe.staff");
		}
		assertThat(state.get("status").asText()).isEqualTo("DONE");
		assertThat(state.get("created").asInt()).isEqualTo(ORDERS);
		assertThat(state.get("done").asInt()).isEqualTo(ORDERS);
		assertThat(state.get("percent").asInt()).isEqualTo(100);
		assertThat(imported(prefix)).isEqualTo(ORDERS);
		assertThat(partial).as("batches committed one by one, seen while the job ran").isNotEmpty();
		assertThat(partial).allSatisfy(seen -> assertThat(seen[1] % org.grassroots.appeals.internal.HotlineOrders.BATCH == 0 || seen[1] == ORDERS).isTrue());
		assertThat(intakeWhileRunning).as("an appeal went in while the file was still going in").isTrue();
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'hotline_12345' AND action = 'IMPORT' "
				+ "AND summary LIKE ?", "%" + ORDERS + "%")).isPositive();

		// the job's page, and the job for whom it is visible
		assertThat(mvc.perform(get(location).with(as("qinghe.staff"))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString()).contains("已导入 5,000 张工单");
		job(id, "qinghe.leader");
		mvc.perform(get("/api/v1/jobs/" + id).with(as("xishang.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/jobs/" + id).with(as("gaomiao.cadre"))).andExpect(status().isNotFound());
		mvc.perform(get(location).with(as("xishang.cadre"))).andExpect(status().is4xxClientError());

		// the same file again, through the API: all known, nothing twice
		String again = mvc.perform(multipart("/api/v1/appeals/import-12345").file(new MockMultipartFile("file", "orders.csv", null, file))
			.with(csrf()).with(as("qinghe.staff"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(json.readTree(again).get("created").asInt()).isZero();
		assertThat(json.readTree(again).get("skipped").asInt()).isEqualTo(ORDERS);
		assertThat(imported(prefix)).isEqualTo(ORDERS);
	}

}
