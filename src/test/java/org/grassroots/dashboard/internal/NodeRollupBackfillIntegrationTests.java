package org.grassroots.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A database upgraded from grid rows only gets the same county, township and village rows the events would have kept. */
class NodeRollupBackfillIntegrationTests extends IntegrationTestSupport {

	@Autowired
	NodeRollupBackfill backfill;

	@Test
	void the_node_rows_filled_from_the_grid_rows_equal_the_ones_kept_by_the_events() {
		List<String> daily = rows("dashboard_appeal_node_daily", "day_received");
		List<String> monthly = rows("dashboard_appeal_node_monthly", "month_start");
		assertThat(daily).isNotEmpty();
		jdbc.sql("DELETE FROM dashboard_appeal_node_daily").update();
		jdbc.sql("DELETE FROM dashboard_appeal_node_monthly").update();

		backfill.run(null);

		assertThat(rows("dashboard_appeal_node_daily", "day_received")).isEqualTo(daily);
		assertThat(rows("dashboard_appeal_node_monthly", "month_start")).isEqualTo(monthly);
		backfill.run(null);
		assertThat(rows("dashboard_appeal_node_monthly", "month_start")).as("filled once only").isEqualTo(monthly);
	}

	private List<String> rows(String table, String dayColumn) {
		return jdbc.sql("SELECT " + dayColumn + ", node_path, category_code, channel, " + String.join(", ", AppealFigures.COLUMNS)
				+ " FROM " + table + " WHERE received > 0 OR accepted > 0 ORDER BY node_path, " + dayColumn + ", category_code, channel")
			.query((rs, i) -> {
				StringBuilder row = new StringBuilder();
				for (int c = 1; c <= 4 + AppealFigures.COLUMNS.size(); c++) {
					row.append(rs.getString(c)).append('|');
				}
				return row.toString();
			})
			.list();
	}

}
