package org.grassroots.dashboard.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the rollups of the counties, townships and villages from the grids' daily ones once, on the first
 * start of a database that had daily rows before those tables existed; from then on the appeal events keep all.
 */
@Component
@Order(5)
class NodeRollupBackfill implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(NodeRollupBackfill.class);
	private static final List<String> COUNTS = AppealFigures.COLUMNS;

	private final JdbcClient jdbc;
	private final JdbcTemplate batch;
	private final TransactionTemplate transactions;

	NodeRollupBackfill(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		transactions.executeWithoutResult(status -> {
			if (jdbc.sql("SELECT COUNT(*) FROM dashboard_appeal_node_monthly").query(Long.class).single() > 0
					|| jdbc.sql("SELECT COUNT(*) FROM dashboard_appeal_daily").query(Long.class).single() == 0) {
				return;
			}
			Map<List<Object>, long[]> days = new LinkedHashMap<>();
			Map<List<Object>, long[]> months = new LinkedHashMap<>();
			jdbc.sql("SELECT day_received, region_path, category_code, channel, " + String.join(", ", COUNTS) + " FROM dashboard_appeal_daily")
				.query(rs -> {
					LocalDate day = rs.getObject(1, LocalDate.class);
					long[] counts = new long[COUNTS.size()];
					for (int c = 0; c < COUNTS.size(); c++) {
						counts[c] = rs.getLong(5 + c);
					}
					for (String node : AppealRollups.nodePaths(rs.getString(2))) {
						addTo(days, List.of(day, node, rs.getString(3), rs.getString(4)), counts);
						addTo(months, List.of(day.withDayOfMonth(1), node, rs.getString(3), rs.getString(4)), counts);
					}
				});
			insert("dashboard_appeal_node_daily", "day_received", days);
			insert("dashboard_appeal_node_monthly", "month_start", months);
			log.info("Appeal rollups of counties, townships and villages filled from the grids': {} daily and {} monthly rows",
					days.size(), months.size());
		});
	}

	private static void addTo(Map<List<Object>, long[]> sums, List<Object> key, long[] counts) {
		long[] row = sums.computeIfAbsent(key, k -> new long[counts.length]);
		for (int c = 0; c < counts.length; c++) {
			row[c] += counts[c];
		}
	}

	private void insert(String table, String dayColumn, Map<List<Object>, long[]> sums) {
		List<Object[]> rows = new ArrayList<>(sums.size());
		sums.forEach((key, counts) -> {
			Object[] row = new Object[4 + counts.length];
			for (int i = 0; i < 4; i++) {
				row[i] = key.get(i);
			}
			for (int c = 0; c < counts.length; c++) {
				row[4 + c] = counts[c];
			}
			rows.add(row);
		});
		batch.batchUpdate("INSERT INTO " + table + " (" + dayColumn + ", node_path, category_code, channel, " + String.join(", ", COUNTS)
				+ ") VALUES (?, ?, ?, ?" + ", ?".repeat(COUNTS.size()) + ")", rows);
	}

}
