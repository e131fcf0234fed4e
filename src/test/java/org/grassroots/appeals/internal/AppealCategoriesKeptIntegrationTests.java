package org.grassroots.appeals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.audit.AuditTrail;
import org.grassroots.shell.ReferenceData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The active categories are read once and kept for a while; a change made on another app node shows after that time. */
class AppealCategoriesKeptIntegrationTests extends IntegrationTestSupport {

	@Autowired
	AuditTrail audit;

	@Test
	void a_category_switched_off_on_another_node_is_refused_here_once_the_kept_time_has_passed() throws Exception {
		AppealCategories keptLong = new AppealCategories(jdbc, audit, new ReferenceData(Duration.ofHours(1)));
		AppealCategories keptBriefly = new AppealCategories(jdbc, audit, new ReferenceData(Duration.ofMillis(50)));
		String code = keptLong.active().get(0).code();
		assertThat(keptBriefly.find(code)).isPresent();
		int resolutionDays = keptLong.find(code).orElseThrow().resolutionDays();
		// another node switches the category off and changes its deadline: this node's copies know nothing of it
		jdbc.sql("UPDATE appeals_category SET active = FALSE, resolution_days = resolution_days + 1 WHERE code = :c").param("c", code).update();
		try {
			assertThat(keptLong.find(code)).hasValueSatisfying(c -> assertThat(c.resolutionDays()).isEqualTo(resolutionDays));
			Thread.sleep(100);
			assertThat(keptBriefly.find(code)).isEmpty();
			assertThat(keptBriefly.active()).extracting(AppealCategories.Category::code).doesNotContain(code);
		}
		finally {
			jdbc.sql("UPDATE appeals_category SET active = TRUE, resolution_days = resolution_days - 1 WHERE code = :c").param("c", code).update();
		}
		Thread.sleep(100);
		assertThat(keptBriefly.find(code)).hasValueSatisfying(c -> assertThat(c.resolutionDays()).isEqualTo(resolutionDays));
	}

}
