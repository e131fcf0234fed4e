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
 * Fills the monthly rollups from the daily ones once, on the first start of a database that had daily
 * rows before the monthly table existed; from then on the appeal events keep both.
 */
@Component
@Order(5)
class MonthlyRollupBackfill implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(MonthlyRollupBackfill.class);
	private static final List<String> COUNTS = AppealFigures.COLUMNS;

	private final JdbcClient jdbc;
	private final JdbcTemplate batch;
	private final TransactionTemplate transactions;

	MonthlyRollupBackfill(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		transactions.executeWithoutResult(status -> {
			if (jdbc.sql("SELECT COUNT(*) FROM dashboard_appeal_monthly").query(Long.class).single() > 0
					|| jdbc.sql("SELECT COUNT(*) FROM dashboard_appeal_daily").query(Long.class).single() == 0) {
				return;
			}
			Map<List<Object>, long[]> months = new LinkedHashMap<>();
			jdbc.sql("SELECT day_received, region_path, category_code, channel, " + String.join(", ", COUNTS) + " FROM dashboard_appeal_daily")
				.query(rs -> {
					List<Object> key = List.of(rs.getObject(1, LocalDate.class).withDayOfMonth(1), AppealRollups.villagePath(rs.getString(2)),
							rs.getString(3), rs.getString(4));
					long[] sums = months.computeIfAbsent(key, k -> new long[COUNTS.size()]);
					for (int c = 0; c < COUNTS.size(); c++) {
						sums[c] += rs.getLong(5 + c);
					}
				});
			List<Object[]> rows = new ArrayList<>(months.size());
			months.forEach((key, sums) -> {
				Object[] row = new Object[4 + sums.length];
				for (int i = 0; i < 4; i++) {
					row[i] = key.get(i);
				}
				for (int c = 0; c < sums.length; c++) {
					row[4 + c] = sums[c];
				}
				rows.add(row);
			});
			batch.batchUpdate("INSERT INTO dashboard_appeal_monthly (month_start, village_path, category_code, channel, " + String.join(", ", COUNTS)
					+ ") VALUES (?, ?, ?, ?" + ", ?".repeat(COUNTS.size()) + ")", rows);
			log.info("Monthly appeal rollups filled from the daily ones: {} rows", rows.size());
		});
	}

}
