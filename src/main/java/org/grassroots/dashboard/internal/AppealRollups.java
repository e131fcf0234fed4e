package org.grassroots.dashboard.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

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

	/**
	 * A batch counts into each row once, with the number it brings, not once per appeal: the county's row of
	 * a day, category and channel once for the whole batch.
	 */
	@EventListener
	void on(org.grassroots.appeals.AppealsSubmitted batch) {
		for (Table table : Table.values()) {
			SortedMap<Cohort, int[]> rows = new TreeMap<>();
			for (AppealSubmitted event : batch.appeals()) {
				for (Cohort row : table.rows(event.submittedAt().atZone(WorkingCalendar.ZONE).toLocalDate(), event.regionPath(),
						event.categoryCode(), event.channel().name())) {
					rows.computeIfAbsent(row, r -> new int[1])[0]++;
				}
			}
			add(table, List.of("received"), rows);
		}
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

	/** The tables an appeal counts in, in the order every writer locks them. */
	enum Table {

		/** By day, for the region the appeal is held in (a grid, mostly). */
		REGION_DAILY("dashboard_appeal_daily", "day_received", "region_path", false, false),
		/** By day, for the county, township and village it lies in. */
		NODE_DAILY("dashboard_appeal_node_daily", "day_received", "node_path", false, true),
		/** By month, for the county, township and village it lies in. */
		NODE_MONTHLY("dashboard_appeal_node_monthly", "month_start", "node_path", true, true);

		final String name;
		final String dayColumn;
		final String pathColumn;
		private final boolean monthly;
		private final boolean nodes;

		Table(String name, String dayColumn, String pathColumn, boolean monthly, boolean nodes) {
			this.name = name;
			this.dayColumn = dayColumn;
			this.pathColumn = pathColumn;
			this.monthly = monthly;
			this.nodes = nodes;
		}

		/** The rows of this table that count an appeal received on a day in a region. */
		List<Cohort> rows(LocalDate day, String path, String category, String channel) {
			LocalDate period = monthly ? day.withDayOfMonth(1) : day;
			return (nodes ? nodePaths(path) : List.of(path)).stream().map(p -> new Cohort(period, p, category, channel)).toList();
		}

	}

	/** One row's key: its day (or month), path, category and channel; ordered, so that rows are locked in one order. */
	record Cohort(LocalDate day, String path, String category, String channel) implements Comparable<Cohort> {

		private static final Comparator<Cohort> ORDER = Comparator.comparing(Cohort::day).thenComparing(Cohort::path)
			.thenComparing(Cohort::category).thenComparing(Cohort::channel);

		@Override
		public int compareTo(Cohort other) {
			return ORDER.compare(this, other);
		}

	}

	/** Adds the same delta to every row of each table that counts an appeal received on a day in a region. */
	private void add(LocalDate day, String path, String category, String channel, Map<String, Integer> delta) {
		List<String> columns = List.copyOf(delta.keySet());
		int[] values = columns.stream().mapToInt(delta::get).toArray();
		for (Table table : Table.values()) {
			SortedMap<Cohort, int[]> rows = new TreeMap<>();
			table.rows(day, path, category, channel).forEach(row -> rows.put(row, values));
			add(table, columns, rows);
		}
	}

	/**
	 * Adds to rows of one table in one batch, in key order (every writer locks the shared rows — tables in
	 * {@link Table}'s order, rows in {@link Cohort}'s — the same way, so two never wait on each other in a
	 * circle), creating first those that do not exist yet (portable: no MERGE/ON CONFLICT).
	 */
	private void add(Table table, List<String> columns, SortedMap<Cohort, int[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		String update = "UPDATE " + table.name + " SET "
				+ String.join(", ", columns.stream().map(c -> c + " = " + c + " + ?").toList())
				+ " WHERE " + table.dayColumn + " = ? AND " + table.pathColumn + " = ? AND category_code = ? AND channel = ?";
		List<Object[]> arguments = new ArrayList<>(rows.size());
		rows.forEach((row, values) -> {
			Object[] args = new Object[values.length + 4];
			for (int i = 0; i < values.length; i++) {
				args[i] = values[i];
			}
			args[values.length] = row.day();
			args[values.length + 1] = row.path();
			args[values.length + 2] = row.category();
			args[values.length + 3] = row.channel();
			arguments.add(args);
		});
		int[] updated = batch.batchUpdate(update, arguments);
		for (int i = 0; i < updated.length; i++) {
			if (updated[i] != 0) {
				continue;
			}
			Object[] args = arguments.get(i);
			Object[] key = java.util.Arrays.copyOfRange(args, args.length - 4, args.length);
			try {
				savepoint.executeWithoutResult(status -> batch.update("INSERT INTO " + table.name + " (" + table.dayColumn + ", "
						+ table.pathColumn + ", category_code, channel) VALUES (?, ?, ?, ?)", key));
			}
			catch (DuplicateKeyException createdMeanwhile) {
				// another transaction created the row first; the update below adds to it
			}
			batch.update(update, args);
		}
	}

}
