package org.grassroots.dashboard.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.AppealSubmitted;
import org.grassroots.appeals.AppealTransitioned;
import org.grassroots.calendar.WorkingCalendar;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the rollups ({@code dashboard_appeal_daily} by region, {@code dashboard_appeal_node_daily} and
 * {@code _node_monthly} by county, township and village) in step with the appeals, in the same transaction as each step,
 * so that the figures can never drift from the appeals they count.
 */
@Component
class AppealRollups {

	private final JdbcTemplate batch;
	private final TransactionTemplate savepoint;

	AppealRollups(JdbcTemplate batch, PlatformTransactionManager transactions) {
		this.batch = batch;
		// the insert of a new row runs under a savepoint, so that losing the race to create it does
		// not abort the appeal's transaction (PostgreSQL aborts a transaction on any error)
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	@EventListener
	void on(AppealSubmitted event) {
		add(event.submittedAt().atZone(WorkingCalendar.ZONE).toLocalDate(), event.regionPath(), event.categoryCode(),
				event.channel().name(), Map.of("received", 1));
	}

	/** A batch counts into each cohort row once, with the number it brings, not once per appeal. */
	@EventListener
	void on(org.grassroots.appeals.AppealsSubmitted batch) {
		// in one order for every batch, so that two batches lock the shared rows in the same order
		Map<List<Object>, Integer> cohorts = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
		for (AppealSubmitted event : batch.appeals()) {
			cohorts.merge(List.of(event.submittedAt().atZone(WorkingCalendar.ZONE).toLocalDate(), event.regionPath(),
					event.categoryCode(), event.channel().name()), 1, Integer::sum);
		}
		cohorts.forEach((key, received) -> add((LocalDate) key.get(0), (String) key.get(1), (String) key.get(2), (String) key.get(3),
				Map.of("received", received)));
	}

	@EventListener
	void on(AppealTransitioned event) {
		Map<String, Integer> delta = new LinkedHashMap<>();
		if (event.firstAcceptance()) {
			delta.put("accepted", 1);
			if (event.respondedOnTime()) {
				delta.put("responded_on_time", 1);
			}
		}
		if (event.resolvedLevel() != null) {
			delta.merge("resolved", 1, Integer::sum);
			delta.merge(levelColumn(event.resolvedLevel()), 1, Integer::sum);
			if (event.resolvedOnTime()) {
				delta.merge("resolved_on_time", 1, Integer::sum);
			}
		}
		if (event.undoneResolutionLevel() != null) {
			delta.merge("resolved", -1, Integer::sum);
			delta.merge(levelColumn(event.undoneResolutionLevel()), -1, Integer::sum);
			if (event.undoneResolutionOnTime()) {
				delta.merge("resolved_on_time", -1, Integer::sum);
			}
		}
		if (event.rating() != null) {
			delta.put("rated", 1);
			if (event.rating().counts()) {
				delta.put("satisfied", 1);
			}
		}
		if (event.action().equals("REJECT")) {
			delta.put("rejected", 1);
		}
		if (event.action().equals("MERGE")) {
			delta.put("merged", 1);
		}
		if (!delta.isEmpty()) {
			add(event.submittedAt().atZone(WorkingCalendar.ZONE).toLocalDate(), event.regionPath(), event.categoryCode(),
					event.channel().name(), delta);
		}
	}

	private static String levelColumn(AppealLevel level) {
		return "resolved_" + level.name().toLowerCase();
	}

	/**
	 * The county, township and village a region path lies in (as far as it reaches): the nodes whose own
	 * rows count it, so that their figures are read by exact path.
	 */
	static List<String> nodePaths(String path) {
		List<String> nodes = new ArrayList<>(3);
		int slashes = 0;
		for (int i = 0; i < path.length(); i++) {
			if (path.charAt(i) == '/' && ++slashes >= 2) {
				nodes.add(path.substring(0, i + 1));
				if (slashes == 4) {
					break;
				}
			}
		}
		if (nodes.isEmpty()) {
			nodes.add(path);
		}
		return nodes;
	}

	/** Adds to the day's cohort row of the region itself, and to the day's and month's of each node it lies in. */
	private void add(LocalDate day, String path, String category, String channel, Map<String, Integer> delta) {
		List<String> nodes = nodePaths(path);
		add("dashboard_appeal_daily", "day_received", day, "region_path", List.of(path), category, channel, delta);
		add("dashboard_appeal_node_daily", "day_received", day, "node_path", nodes, category, channel, delta);
		add("dashboard_appeal_node_monthly", "month_start", day.withDayOfMonth(1), "node_path", nodes, category, channel, delta);
	}

	/**
	 * Adds to the cohort rows of some paths in one batch, creating first those that do not exist yet
	 * (portable: no MERGE/ON CONFLICT).
	 */
	private void add(String table, String dayColumn, LocalDate day, String pathColumn, List<String> paths, String category,
			String channel, Map<String, Integer> delta) {
		StringBuilder set = new StringBuilder();
		delta.forEach((column, by) -> set.append(set.isEmpty() ? "" : ", ").append(column).append(" = ").append(column)
			.append(" + ").append(by));
		String update = "UPDATE " + table + " SET " + set
				+ " WHERE " + dayColumn + " = ? AND " + pathColumn + " = ? AND category_code = ? AND channel = ?";
		int[] rows = batch.batchUpdate(update, paths.stream().map(path -> new Object[] {day, path, category, channel}).toList());
		for (int i = 0; i < rows.length; i++) {
			if (rows[i] != 0) {
				continue;
			}
			Object[] key = {day, paths.get(i), category, channel};
			try {
				savepoint.executeWithoutResult(status -> batch.update(
						"INSERT INTO " + table + " (" + dayColumn + ", " + pathColumn + ", category_code, channel) VALUES (?, ?, ?, ?)", key));
			}
			catch (DuplicateKeyException createdMeanwhile) {
				// another transaction created the row first; the update below adds to it
			}
			batch.update(update, key);
		}
	}

}
