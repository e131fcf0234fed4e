package org.grassroots.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The first screen is each person's own work: what waits for them, counted, linked, the most urgent first. */
class WorkbenchIntegrationTests extends IntegrationTestSupport {

	/** The count the workbench shows beside a to-do (0 when the line is not there). */
	private long shown(String page, String label) {
		Matcher m = Pattern.compile("(?s)" + Pattern.quote(label) + "</span>.*?<span class=\"badge[^\"]*\"[^>]*>(\\d+)</span>").matcher(page);
		return m.find() ? Long.parseLong(m.group(1)) : 0;
	}

	private String home(String user) throws Exception {
		return mvc.perform(get("/").with(as(user))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	@Test
	void a_village_cadre_finds_the_new_appeal_to_accept_on_the_first_screen() throws Exception {
		String before = home("gaomiao.cadre");
		long waiting = shown(before, "诉求待签收");
		assertThat(waiting).isEqualTo(count("SELECT COUNT(*) FROM appeals_appeal WHERE region_path LIKE '%/620799100201/%' "
				+ "AND status = 'SUBMITTED' AND level = 'VILLAGE'"));
		mvc.perform(post("/api/v1/appeals").with(csrf()).with(as("gaomiao.grid1")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"channel\":\"GRID\",\"categoryCode\":\"ROAD_LIGHTING\",\"description\":\"工作台测试：桥头路灯不亮\",\"regionCode\":\""
					+ GAOMIAO_GRID1 + "\"}"))
			.andExpect(status().isCreated());
		String after = home("gaomiao.cadre");
		assertThat(shown(after, "诉求待签收")).isEqualTo(waiting + 1);
		assertThat(after).contains("href=\"/appeals?status=SUBMITTED\"");
		// another village's cadre is not told of it
		assertThat(shown(home("xishang.cadre"), "诉求待签收")).isEqualTo(count("SELECT COUNT(*) FROM appeals_appeal "
				+ "WHERE region_path LIKE '%/620799200201/%' AND status = 'SUBMITTED' AND level = 'VILLAGE'"));
	}

	@Test
	void a_department_is_told_of_the_whistles_waiting_for_it_and_nothing_it_cannot_act_on() throws Exception {
		String page = home("mzj.staff");
		assertThat(shown(page, "吹哨待本部门报到")).isEqualTo(count("SELECT COUNT(*) FROM appeals_whistle w JOIN appeals_appeal a "
				+ "ON a.id = w.appeal_id WHERE w.department = '县民政局' AND w.reported_at IS NULL"));
		assertThat(page).doesNotContain("诉求待签收", "销号申请待批准");
	}

	@Test
	void a_grid_worker_on_a_phone_lands_in_the_phone_app_and_a_desktop_shows_the_workbench() throws Exception {
		mvc.perform(get("/").with(as("gaomiao.grid1")).header("User-Agent",
				"Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"))
			.andExpect(redirectedUrl("/m"));
		String desk = mvc.perform(get("/").with(as("gaomiao.grid1")).header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(desk).contains("id=\"work\"");
		// a village cadre on a phone keeps the workbench
		mvc.perform(get("/").with(as("gaomiao.cadre")).header("User-Agent", "Mozilla/5.0 (Linux; Android 13) Mobile"))
			.andExpect(status().isOk());
	}

}
