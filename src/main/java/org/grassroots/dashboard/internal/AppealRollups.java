package org.grassroots.dashboard.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.grassroots.appeals.AppealCounts;
import org.grassroots.appeals.AppealSubmitted;
import org.grassroots.appeals.AppealTransitioned;
import org.grassroots.appeals.AppealsSubmitted;
import org.grassroots.appeals.AppealsTransitioned;
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

	/** The counters every rollup row keeps, named as the tables' columns. */
	private static final List<String> COUNTERS = AppealFigures.COLUMNS;
	private static final int RECEIVED = COUNTERS.indexOf("received");

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
		write(List.of(received(event)));
	}

	/**
	 * A batch counts into each row once, with the number it brings, not once per appeal: the county's row of
	 * a day, category and channel once for the whole batch.
	 */
	@EventListener
	void on(AppealsSubmitted batch) {
		write(batch.appeals().stream().map(AppealRollups::received).toList());
	}

	@EventListener
	void on(AppealTransitioned event) {
		write(counted(event));
	}

	/** Many steps, counted like a batch of submissions: each row once, with the sum of what they bring it. */
	@EventListener
	void on(AppealsTransitioned batch) {
		write(batch.steps().stream().flatMap(step -> counted(step).stream()).toList());
	}

	private static Counted received(AppealSubmitted event) {
		int[] delta = new int[COUNTERS.size()];
		delta[RECEIVED] = 1;
		return new Counted(event.submittedAt().atZone(WorkingCalendar.ZONE).toLocalDate(), event.regionPath(), event.categoryCode(),
				event.channel().name(), delta);
	}

	/**
	 * What a step changes in the rows that count its appeal: the difference of the appeal's counts after and before it, in
	 * its region's rows; a step that moved the appeal to another region takes all it counted out of the old region's rows
	 * and puts it, as it now stands, into the new one's (so a region's figures always equal a recount of its appeals).
	 */
	private static List<Counted> counted(AppealTransitioned event) {
		LocalDate day = event.submittedAt().atZone(WorkingCalendar.ZONE).toLocalDate();
		String category = event.categoryCode();
		String channel = event.channel().name();
		if (event.moved()) {
			return List.of(new Counted(day, event.previousRegionPath(), category, channel, delta(event.before().negated())),
					new Counted(day, event.regionPath(), category, channel, delta(event.after())));
		}
		AppealCounts change = event.change();
		return change.isNone() ? List.of() : List.of(new Counted(day, event.regionPath(), category, channel, delta(change)));
	}

	/** The counts in the order of the tables' counter columns ({@link AppealFigures#COLUMNS}). */
	static int[] delta(AppealCounts c) {
		int[] delta = new int[COUNTERS.size()];
		delta[counter("received")] = c.received();
		delta[counter("accepted")] = c.accepted();
		delta[counter("responded_on_time")] = c.respondedOnTime();
		delta[counter("resolved")] = c.resolved();
		delta[counter("resolved_on_time")] = c.resolvedOnTime();
		delta[counter("resolved_village")] = c.resolvedVillage();
		delta[counter("resolved_township")] = c.resolvedTownship();
		delta[counter("resolved_county")] = c.resolvedCounty();
		delta[counter("rated")] = c.rated();
		delta[counter("satisfied")] = c.satisfied();
		delta[counter("rejected")] = c.rejected();
		delta[counter("merged")] = c.merged();
		return delta;
	}

	private static int counter(String column) {
		int index = COUNTERS.indexOf(column);
		if (index < 0) {
			throw new IllegalArgumentException("No rollup counter " + column);
		}
		return index;
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

	/** What one or more appeals of a cohort (received on a day in a region, of a category, by a channel) add to its counters. */
	private record Counted(LocalDate day, String path, String category, String channel, int[] delta) {
	}

	/** Adds each change to every row of each table that counts its cohort, a table at a time, in {@link Table}'s order. */
	private void write(List<Counted> changes) {
		if (changes.isEmpty()) {
			return;
		}
		for (Table table : Table.values()) {
			SortedMap<Cohort, int[]> rows = new TreeMap<>();
			for (Counted change : changes) {
				for (Cohort row : table.rows(change.day(), change.path(), change.category(), change.channel())) {
					int[] sum = rows.computeIfAbsent(row, r -> new int[COUNTERS.size()]);
					for (int i = 0; i < sum.length; i++) {
						sum[i] += change.delta()[i];
					}
				}
			}
			rows.values().removeIf(sum -> java.util.Arrays.stream(sum).allMatch(d -> d == 0));
			add(table, rows);
		}
	}

	/**
	 * Adds to rows of one table in one batch, in key order (every writer locks the shared rows — tables in
	 * {@link Table}'s order, rows in {@link Cohort}'s — the same way, so two never wait on each other in a
	 * circle), then creates those that did not exist yet with what they count (portable: no MERGE/ON CONFLICT).
	 */
	private void add(Table table, SortedMap<Cohort, int[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		// only the counters this change moves, so that an intake's statement names one column
		List<Integer> moved = new ArrayList<>();
		for (int c = 0; c < COUNTERS.size(); c++) {
			int column = c;
			if (rows.values().stream().anyMatch(sum -> sum[column] != 0)) {
				moved.add(c);
			}
		}
		List<String> columns = moved.stream().map(COUNTERS::get).toList();
		String update = "UPDATE " + table.name + " SET " + String.join(", ", columns.stream().map(c -> c + " = " + c + " + ?").toList())
				+ " WHERE " + table.dayColumn + " = ? AND " + table.pathColumn + " = ? AND category_code = ? AND channel = ?";
		List<Object[]> arguments = new ArrayList<>(rows.size());
		rows.forEach((row, sum) -> {
			Object[] args = new Object[moved.size() + 4];
			for (int i = 0; i < moved.size(); i++) {
				args[i] = sum[moved.get(i)];
			}
			args[moved.size()] = row.day();
			args[moved.size() + 1] = row.path();
			args[moved.size() + 2] = row.category();
			args[moved.size() + 3] = row.channel();
			arguments.add(args);
		});
		int[] updated = batch.batchUpdate(update, arguments);
		List<Object[]> missing = new ArrayList<>();
		for (int i = 0; i < updated.length; i++) {
			if (updated[i] == 0) {
				missing.add(arguments.get(i));
			}
		}
		if (missing.isEmpty()) {
			return;
		}
		String insert = "INSERT INTO " + table.name + " (" + String.join(", ", columns) + ", " + table.dayColumn + ", "
				+ table.pathColumn + ", category_code, channel) VALUES (" + "?, ".repeat(columns.size() + 3) + "?)";
		try {
			// under a savepoint, so that losing the race to create a row does not abort the appeal's transaction
			// (PostgreSQL aborts a transaction on any error)
			savepoint.executeWithoutResult(status -> batch.batchUpdate(insert, missing));
		}
		catch (DuplicateKeyException createdMeanwhile) {
			// another transaction created one of them first: row by row, adding to those that exist now
			for (Object[] args : missing) {
				try {
					savepoint.executeWithoutResult(status -> batch.update(insert, args));
				}
				catch (DuplicateKeyException created) {
					batch.update(update, args);
				}
			}
		}
	}

}
