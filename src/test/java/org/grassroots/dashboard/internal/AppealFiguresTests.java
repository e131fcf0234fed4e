package org.grassroots.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionType;
import org.junit.jupiter.api.Test;

/** Which rollup rows a period is read from: a node's own whole months and days, a grid's regions by day. */
class AppealFiguresTests {

	private static final RegionNode COUNTY = new RegionNode(1, "620799000000", "青山县", RegionType.COUNTY, "/620799000000/", 0, null, null, null);
	private static final RegionNode GRID = new RegionNode(9, "62079910020101", "第一网格", RegionType.GRID,
			"/620799000000/620799100000/620799100201/62079910020101/", 3, 5L, null, null);

	private static final LocalDate LATER = LocalDate.of(2030, 1, 1);

	@Test
	void a_past_year_ending_mid_month_reads_whole_months_and_the_days_at_both_ends() {
		var slices = AppealFigures.slices(COUNTY, LocalDate.of(2025, 11, 24), LocalDate.of(2026, 11, 23), LATER);
		assertThat(slices).extracting(AppealFigures.Slice::table, AppealFigures.Slice::from, AppealFigures.Slice::to).containsExactly(
				org.assertj.core.groups.Tuple.tuple("dashboard_appeal_node_daily", LocalDate.of(2025, 11, 24), LocalDate.of(2025, 11, 30)),
				org.assertj.core.groups.Tuple.tuple("dashboard_appeal_node_monthly", LocalDate.of(2025, 12, 1), LocalDate.of(2026, 10, 1)),
				org.assertj.core.groups.Tuple.tuple("dashboard_appeal_node_daily", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 23)));
	}

	@Test
	void the_last_twelve_months_up_to_today_read_this_month_whole_since_nothing_is_received_after_today() {
		LocalDate today = LocalDate.of(2026, 11, 23);
		var slices = AppealFigures.slices(COUNTY, LocalDate.of(2025, 11, 24), today, today);
		assertThat(slices).extracting(AppealFigures.Slice::table, AppealFigures.Slice::from, AppealFigures.Slice::to).containsExactly(
				org.assertj.core.groups.Tuple.tuple("dashboard_appeal_node_daily", LocalDate.of(2025, 11, 24), LocalDate.of(2025, 11, 30)),
				org.assertj.core.groups.Tuple.tuple("dashboard_appeal_node_monthly", LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 1)));
		// this year so far: whole months only
		assertThat(AppealFigures.slices(COUNTY, LocalDate.of(2026, 1, 1), today, today)).extracting(AppealFigures.Slice::table)
			.containsExactly("dashboard_appeal_node_monthly");
		// a few days of this month that do not start on its first: the days themselves
		assertThat(AppealFigures.slices(COUNTY, LocalDate.of(2026, 11, 20), today, today))
			.extracting(AppealFigures.Slice::table, AppealFigures.Slice::from).containsExactly(
					org.assertj.core.groups.Tuple.tuple("dashboard_appeal_node_daily", LocalDate.of(2026, 11, 20)));
	}

	@Test
	void whole_months_only_or_a_few_days_or_a_grid_read_one_table() {
		assertThat(AppealFigures.slices(COUNTY, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), LATER))
			.extracting(AppealFigures.Slice::table).containsExactly("dashboard_appeal_node_monthly");
		assertThat(AppealFigures.slices(COUNTY, LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 20), LATER))
			.extracting(AppealFigures.Slice::table).containsExactly("dashboard_appeal_node_daily");
		assertThat(AppealFigures.slices(GRID, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), LATER))
			.extracting(AppealFigures.Slice::table, AppealFigures.Slice::exact).containsExactly(
					org.assertj.core.groups.Tuple.tuple("dashboard_appeal_daily", false));
		// a grid's appeal counts in the rows of its county, township and village; a township's in two
		assertThat(AppealRollups.nodePaths(GRID.path())).containsExactly("/620799000000/", "/620799000000/620799100000/",
				"/620799000000/620799100000/620799100201/");
		assertThat(AppealRollups.nodePaths("/620799000000/620799100000/")).containsExactly("/620799000000/",
				"/620799000000/620799100000/");
		assertThat(AppealRollups.nodePaths("/620799000000/")).containsExactly("/620799000000/");
	}

}
