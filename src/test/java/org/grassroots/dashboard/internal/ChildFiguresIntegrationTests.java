package org.grassroots.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The dashboard's line per child region (its townships, villages or grids) is read in one statement from the rollups;
 * each line equals a recount of the appeals received in that child over the period, for a county (children with rows
 * of their own) and a village (grids, read from the regions' daily rows).
 */
class ChildFiguresIntegrationTests extends IntegrationTestSupport {

	@Autowired
	AppealFigures figures;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	SchematicMap map;

	private CurrentUser user(String username) {
		return ((CurrentUsers.HasCurrentUser) accounts.loadUserByUsername(username)).currentUser();
	}

	private long recount(String path, LocalDate from, LocalDate to) {
		ZoneId beijing = ZoneId.of("Asia/Shanghai");
		return jdbc.sql("SELECT COUNT(*) FROM appeals_appeal WHERE region_path LIKE :p AND submitted_at >= :f AND submitted_at < :t")
			.param("p", path + "%").param("f", from.atStartOfDay(beijing).toOffsetDateTime())
			.param("t", to.plusDays(1).atStartOfDay(beijing).toOffsetDateTime()).query(Long.class).single();
	}

	private String pathOf(String code) {
		return jdbc.sql("SELECT path FROM registry_region WHERE code = :c").param("c", code).query(String.class).single();
	}

	@Test
	void each_child_line_equals_a_recount_of_its_appeals() {
		LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
		for (String username : new String[] {"county.staff", "gaomiao.cadre"}) {
			CurrentUser user = user(username);
			for (LocalDate[] period : new LocalDate[][] {{today.minusDays(364), today}, {today.minusDays(40), today.minusDays(3)}}) {
				List<AppealFigures.ChildFigures> lines = figures.byChild(user, null, period[0], period[1], AppealFigures.Filter.NONE);
				assertThat(lines).as(username).isNotEmpty();
				long total = 0;
				for (AppealFigures.ChildFigures line : lines) {
					assertThat(line.received()).as("%s %s %s", username, line.code(), period[0])
						.isEqualTo(recount(pathOf(line.code()), period[0], period[1]));
					total += line.received();
				}
				assertThat(total).as(username).isPositive();
			}
		}
	}

	@Test
	void each_area_of_the_county_and_township_maps_equals_a_recount_of_its_appeals() {
		LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
		for (String username : new String[] {"county.staff", "qinghe.staff", "gaomiao.cadre"}) {
			for (LocalDate[] period : new LocalDate[][] {{today.minusDays(364), today}, {today.minusDays(40), today.minusDays(3)}}) {
				SchematicMap.View view = map.of(user(username), null, period[0], period[1], AppealFigures.Filter.NONE).orElseThrow();
				assertThat(view.areas()).as(username).isNotEmpty();
				long total = 0;
				for (SchematicMap.Area area : view.areas()) {
					assertThat(area.received()).as("%s %s %s", username, area.code(), period[0])
						.isEqualTo(recount(pathOf(area.code()), period[0], period[1]));
					total += area.received();
				}
				assertThat(total).as(username).isPositive();
			}
		}
	}

}
