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
			// the rows each grid row's appeals count in, as the events would have kept them
			List<AppealRollups.Table> tables = List.of(AppealRollups.Table.NODE_DAILY, AppealRollups.Table.NODE_MONTHLY);
			Map<AppealRollups.Table, Map<AppealRollups.Cohort, long[]>> sums = new LinkedHashMap<>();
			tables.forEach(table -> sums.put(table, new LinkedHashMap<>()));
			jdbc.sql("SELECT day_received, region_path, category_code, channel, " + String.join(", ", COUNTS) + " FROM dashboard_appeal_daily")
				.query(rs -> {
					long[] counts = new long[COUNTS.size()];
					for (int c = 0; c < COUNTS.size(); c++) {
						counts[c] = rs.getLong(5 + c);
					}
					for (AppealRollups.Table table : tables) {
						for (AppealRollups.Cohort row : table.rows(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
								rs.getString(4))) {
							long[] sum = sums.get(table).computeIfAbsent(row, r -> new long[counts.length]);
							for (int c = 0; c < counts.length; c++) {
								sum[c] += counts[c];
							}
						}
					}
				});
			sums.forEach(this::insert);
			log.info("Appeal rollups of counties, townships and villages filled from the grids': {} daily and {} monthly rows",
					sums.get(tables.get(0)).size(), sums.get(tables.get(1)).size());
		});
	}

	private void insert(AppealRollups.Table table, Map<AppealRollups.Cohort, long[]> sums) {
		List<Object[]> rows = new ArrayList<>(sums.size());
		sums.forEach((row, counts) -> {
			Object[] values = new Object[4 + counts.length];
			values[0] = row.day();
			values[1] = row.path();
			values[2] = row.category();
			values[3] = row.channel();
			for (int c = 0; c < counts.length; c++) {
				values[4 + c] = counts[c];
			}
			rows.add(values);
		});
		batch.batchUpdate("INSERT INTO " + table.name + " (" + table.dayColumn + ", " + table.pathColumn + ", category_code, channel, "
				+ String.join(", ", COUNTS) + ") VALUES (?, ?, ?, ?" + ", ?".repeat(COUNTS.size()) + ")", rows);
	}

}
