package org.grassroots.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A whole phone or ID number in the residents' search is a view of personal data: without the reveal right it is
 * refused (a masked 152****1909 was recovered by trying the hidden digits), with it each look-up is audited and an
 * hour allows 30.
 */
class ExactResidentSearchIntegrationTests extends IntegrationTestSupport {

	@Test
	void a_grid_worker_cannot_find_a_resident_by_a_whole_phone_number() throws Exception {
		String answer = mvc.perform(get("/api/v1/residents").param("q", "15200001909").with(as("gaomiao.grid1")))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(answer).contains("q").contains("查看明文");
		mvc.perform(get("/registry/residents").param("q", "15200001909").with(as("gaomiao.grid1")))
			.andExpect(status().isBadRequest());
		// a name still searches
		mvc.perform(get("/api/v1/residents").param("q", "王").with(as("gaomiao.grid1"))).andExpect(status().isOk());
	}

	@Test
	void with_the_reveal_right_each_exact_look_up_is_audited_and_an_hour_allows_thirty() throws Exception {
		long before = count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'resident_search' AND actor = 'xishang.cadre' "
				+ "AND action = 'REVEAL'");
		assertThat(before).isZero();
		for (int i = 0; i < 30; i++) {
			mvc.perform(get("/api/v1/residents").param("q", String.format("1520000%04d", i)).with(as("xishang.cadre")))
				.andExpect(status().isOk()).andExpect(jsonPath("$.content").isArray());
		}
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'resident_search' AND actor = 'xishang.cadre' "
				+ "AND action = 'REVEAL'")).isEqualTo(30);
		String refused = mvc.perform(get("/api/v1/residents").param("q", "15200009999").with(as("xishang.cadre")))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("30");
		// an hour on, the look-ups are allowed again
		clock.travelTo(clock.instant().plus(java.time.Duration.ofMinutes(61)));
		mvc.perform(get("/api/v1/residents").param("q", "15200009999").with(as("xishang.cadre"))).andExpect(status().isOk());
	}

}
