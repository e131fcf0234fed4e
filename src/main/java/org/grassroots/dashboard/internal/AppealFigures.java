package org.grassroots.dashboard.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.appeals.AppealCategoryNames;
import org.grassroots.appeals.AppealChannel;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.shell.InputRejected;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The 三率 and their breakdowns for a scope and a period of submission days, read from the rollups. */
@Component
public class AppealFigures {

	private final JdbcClient jdbc;
	private final RegionTree regions;
	private final AppealCategoryNames categories;

	private final java.time.Clock clock;

	AppealFigures(JdbcClient jdbc, RegionTree regions, AppealCategoryNames categories, java.time.Clock clock) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.categories = categories;
		this.clock = clock;
	}

	public record Stats(String region, String regionName, LocalDate from, LocalDate to, String channel, String category,
			long received, long accepted, long respondedOnTime, long resolved, long resolvedOnTime, long rated, long satisfied,
			long rejected, long merged, BigDecimal responseRate, BigDecimal resolutionRate, BigDecimal onTimeResolutionRate,
			BigDecimal satisfactionRate, Map<String, Long> byLevel, Map<String, Long> byChannel, Map<String, Long> byCategory,
			Map<String, ChannelFigures> byChannelAndLevel) {
	}

	/**
	 * What one channel received and resolved, and at which level (小事不出村、大事不出乡): the 办结率 of 12345 orders
	 * beside those of the village appeal point.
	 */
	public record ChannelFigures(long received, long resolved, long resolvedVillage, long resolvedTownship,
			long resolvedCounty, BigDecimal resolutionRate) {
	}

	/** The channel and category the figures are narrowed to; null for all. */
	public record Filter(String channel, String category) {

		public static final Filter NONE = new Filter(null, null);

		void bind(StringBuilder sql, Map<String, Object> params) {
			if (channel != null) {
				sql.append(" AND channel = :channel");
				params.put("channel", channel);
			}
			if (category != null) {
				sql.append(" AND category_code = :category");
				params.put("category", category);
			}
		}

	}

	/**
	 * The filter a caller asked for, checked: a channel the appeals know and a category that exists (switched off
	 * or not, since past appeals keep theirs). Blank means all. An unknown value is refused with its field rather
	 * than read as "all", which would pass unfiltered figures off as filtered ones.
	 */
	public Filter filter(String channel, String category) {
		String c = channel == null || channel.isBlank() ? null : channel.strip();
		String k = category == null || category.isBlank() ? null : category.strip();
		List<InputRejected.FieldProblem> problems = new java.util.ArrayList<>();
		if (c != null && java.util.Arrays.stream(AppealChannel.values()).noneMatch(v -> v.name().equals(c))) {
			problems.add(new InputRejected.FieldProblem("channel", "dashboard.channel.unknown", new Object[] {c}));
		}
		if (k != null && !categories.names(java.util.Locale.ROOT).containsKey(k)) {
			problems.add(new InputRejected.FieldProblem("category", "dashboard.category.unknown", new Object[] {k}));
		}
		if (!problems.isEmpty()) {
			throw new InputRejected(problems);
		}
		return new Filter(c, k);
	}

	public Stats of(CurrentUser user, String regionCode, LocalDate from, LocalDate to) {
		return of(user, regionCode, from, to, Filter.NONE);
	}

	public Stats of(CurrentUser user, String regionCode, LocalDate from, LocalDate to, Filter filter) {
		user.require(Permission.APPEAL_READ);
		RegionNode node = regions.byCode(regionCode == null || regionCode.isBlank() ? user.regionCode() : regionCode.strip())
			.orElseThrow(OutOfScopeException::new);
		user.requireInScope(node.path());
		Map<String, Long> totals = new LinkedHashMap<>();
		Map<String, Long> byChannel = new LinkedHashMap<>();
		Map<String, Long> byCategory = new LinkedHashMap<>();
		Map<String, long[]> channelLevels = new LinkedHashMap<>();
		// the slices in one statement: one round trip to the database however the period falls
		List<Slice> slices = slices(node, from, to, LocalDate.now(clock.withZone(WorkingCalendar.ZONE)));
		if (!slices.isEmpty()) {
			Map<String, Object> params = new LinkedHashMap<>();
			String sql = union(slices, "channel, category_code, " + SUMS, "{path} = :p", "{path} LIKE :p", "channel, category_code", filter, params);
			// a period's slices are all the node's own rows, or one slice of the regions under it
			params.put("p", slices.get(0).exact() ? node.path() : node.path() + "%");
			jdbc.sql(sql).params(params)
				.query((rs, i) -> {
					long received = rs.getLong("received");
					byChannel.merge(rs.getString(1), received, Long::sum);
					byCategory.merge(rs.getString(2), received, Long::sum);
					long[] levels = channelLevels.computeIfAbsent(rs.getString(1), k -> new long[CHANNEL_COLUMNS.size()]);
					for (int c = 0; c < levels.length; c++) {
						levels[c] += rs.getLong(CHANNEL_COLUMNS.get(c));
					}
					for (String column : COLUMNS) {
						totals.merge(column, rs.getLong(column), Long::sum);
					}
					return null;
				})
				.list();
		}
		COLUMNS.forEach(c -> totals.putIfAbsent(c, 0L));
		Map<String, Long> byLevel = new LinkedHashMap<>();
		byLevel.put("village", totals.get("resolved_village"));
		byLevel.put("township", totals.get("resolved_township"));
		byLevel.put("county", totals.get("resolved_county"));
		long received = totals.get("received");
		Map<String, ChannelFigures> byChannelAndLevel = new LinkedHashMap<>();
		// in the order of byChannel: the channels that received most first
		sorted(byChannel).keySet().forEach(channel -> {
			long[] c = channelLevels.get(channel);
			byChannelAndLevel.put(channel, new ChannelFigures(c[0], c[1], c[2], c[3], c[4], rate(c[1], c[0])));
		});
		return new Stats(node.code(), node.name(), from, to, filter.channel(), filter.category(), received, totals.get("accepted"),
				totals.get("responded_on_time"), totals.get("resolved"), totals.get("resolved_on_time"), totals.get("rated"),
				totals.get("satisfied"), totals.get("rejected"), totals.get("merged"), rate(totals.get("responded_on_time"), received),
				rate(totals.get("resolved"), received), rate(totals.get("resolved_on_time"), received),
				rate(totals.get("satisfied"), totals.get("rated")), byLevel, sorted(byChannel), sorted(byCategory), byChannelAndLevel);
	}

	/** The counters of {@link ChannelFigures}, in its order. */
	private static final List<String> CHANNEL_COLUMNS = List.of("received", "resolved", "resolved_village", "resolved_township",
			"resolved_county");

	/** The counters every rollup row carries, in the tables' order. */
	static final List<String> COLUMNS = List.of("received", "accepted", "responded_on_time", "resolved", "resolved_on_time",
			"resolved_village", "resolved_township", "resolved_county", "rated", "satisfied", "rejected", "merged");

	private static final String SUMS = String.join(", ", COLUMNS.stream().map(c -> "COALESCE(SUM(" + c + "),0) AS " + c).toList());

	/**
	 * A period's slices as one statement, one SELECT per slice joined by UNION ALL: {@code select} from the slice's
	 * table where {@code exactPath} (the node's own rows) or {@code underPath} (the regions under it) holds and the day
	 * lies in the slice, filtered, grouped by {@code groupBy}; "{path}" in each stands for the slice's path column. The
	 * slices' days are bound into {@code params}.
	 */
	static String union(List<Slice> slices, String select, String exactPath, String underPath, String groupBy, Filter filter,
			Map<String, Object> params) {
		StringBuilder sql = new StringBuilder();
		for (int i = 0; i < slices.size(); i++) {
			Slice slice = slices.get(i);
			sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(select.replace("{path}", slice.pathColumn())).append(" FROM ")
				.append(slice.table()).append(" WHERE ").append((slice.exact() ? exactPath : underPath).replace("{path}", slice.pathColumn()))
				.append(" AND ").append(slice.dayColumn()).append(" >= :from").append(i).append(" AND ").append(slice.dayColumn())
				.append(" <= :to").append(i);
			filter.bind(sql, params);
			sql.append(" GROUP BY ").append(groupBy.replace("{path}", slice.pathColumn()));
			params.put("from" + i, slice.from());
			params.put("to" + i, slice.to());
		}
		return sql.toString();
	}

	/**
	 * Part of a period read from one rollup table: the node's own rows by its exact path, or the rows of every
	 * region under it (a grid and below).
	 */
	record Slice(AppealRollups.Table source, LocalDate from, LocalDate to) {

		static Slice regionDays(LocalDate from, LocalDate to) {
			return new Slice(AppealRollups.Table.REGION_DAILY, from, to);
		}

		static Slice nodeDays(LocalDate from, LocalDate to) {
			return new Slice(AppealRollups.Table.NODE_DAILY, from, to);
		}

		static Slice nodeMonths(LocalDate from, LocalDate to) {
			return new Slice(AppealRollups.Table.NODE_MONTHLY, from, to);
		}

		String table() {
			return source.name;
		}

		String dayColumn() {
			return source.dayColumn;
		}

		String pathColumn() {
			return source.pathColumn;
		}

		/** The node's own rows, read by its exact path; otherwise the rows of every region under it. */
		boolean exact() {
			return source != AppealRollups.Table.REGION_DAILY;
		}

	}

	/**
	 * Where to read a period from. A county, township or village has rows of its own: whole months from its
	 * monthly rows, the days before and after them from its daily rows. A grid (or anything below a village)
	 * reads the days of the regions under it. A period reaching today reads today's month whole: no appeal is
	 * received after today (intake stamps the time of receipt, and a 12345 order from the future is refused),
	 * so the rest of the month holds nothing yet. That keeps "this year" and "the last twelve months", the
	 * dashboard's usual questions, to a few hundred rows.
	 */
	static List<Slice> slices(RegionNode node, LocalDate from, LocalDate to, LocalDate today) {
		List<Slice> slices = new java.util.ArrayList<>();
		if (to.isBefore(from)) {
			return slices;
		}
		if (node.depth() > 2) {
			slices.add(Slice.regionDays(from, to));
			return slices;
		}
		if (!to.isBefore(today) && !from.isAfter(to.withDayOfMonth(1))) {
			to = to.withDayOfMonth(to.lengthOfMonth());
		}
		LocalDate firstWhole = from.getDayOfMonth() == 1 ? from : from.plusMonths(1).withDayOfMonth(1);
		LocalDate lastWhole = to.plusDays(1).getDayOfMonth() == 1 ? to.withDayOfMonth(1) : to.withDayOfMonth(1).minusMonths(1);
		if (lastWhole.isBefore(firstWhole)) {
			slices.add(Slice.nodeDays(from, to));
			return slices;
		}
		if (from.isBefore(firstWhole)) {
			slices.add(Slice.nodeDays(from, firstWhole.minusDays(1)));
		}
		slices.add(Slice.nodeMonths(firstWhole, lastWhole));
		LocalDate afterWhole = lastWhole.plusMonths(1);
		if (!to.isBefore(afterWhole)) {
			slices.add(Slice.nodeDays(afterWhole, to));
		}
		return slices;
	}

	private static Map<String, Long> sorted(Map<String, Long> counts) {
		Map<String, Long> sorted = new LinkedHashMap<>();
		counts.entrySet().stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.forEach(e -> sorted.put(e.getKey(), e.getValue()));
		return sorted;
	}

	/** One line per child of the region: what each village (or grid, or township) received and resolved. */
	public record ChildFigures(String code, String name, long received, long resolved, long satisfied, long rated,
			BigDecimal resolutionRate) {
	}

	/**
	 * What each child of the region counted, in one statement: a township's or village's own rows (whole months from
	 * the monthly table, the edges from the daily one) when the children have rows of their own, else the daily rows of
	 * the regions under the parent, grouped by region and added up per child.
	 */
	public List<ChildFigures> byChild(CurrentUser user, String regionCode, LocalDate from, LocalDate to, Filter filter) {
		user.require(Permission.APPEAL_READ);
		RegionNode node = regions.byCode(regionCode == null || regionCode.isBlank() ? user.regionCode() : regionCode.strip())
			.orElseThrow(OutOfScopeException::new);
		user.requireInScope(node.path());
		List<RegionNode> children = regions.children(node.id());
		Map<String, long[]> counted = new LinkedHashMap<>();
		children.forEach(child -> counted.put(child.path(), new long[4]));
		List<Slice> slices = children.isEmpty() ? List.of()
				: slices(children.get(0), from, to, LocalDate.now(clock.withZone(WorkingCalendar.ZONE)));
		if (!slices.isEmpty()) {
			Map<String, Object> params = new LinkedHashMap<>();
			String sql = union(slices, "{path}, COALESCE(SUM(received),0), COALESCE(SUM(resolved),0), COALESCE(SUM(satisfied),0), COALESCE(SUM(rated),0)",
					"{path} IN (:paths)", "{path} LIKE :under", "{path}", filter, params);
			if (slices.get(0).exact()) {
				params.put("paths", List.copyOf(counted.keySet()));
			}
			else {
				params.put("under", node.path() + "%");
			}
			jdbc.sql(sql).params(params).query((rs, i) -> {
				String path = rs.getString(1);
				// a child's own row, or a region somewhere under one child
				long[] sums = counted.get(path);
				if (sums == null) {
					sums = counted.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
				}
				if (sums != null) {
					for (int c = 0; c < 4; c++) {
						sums[c] += rs.getLong(c + 2);
					}
				}
				return null;
			}).list();
		}
		return children.stream().map(child -> {
			long[] row = counted.get(child.path());
			return new ChildFigures(child.code(), child.name(), row[0], row[1], row[2], row[3], rate(row[1], row[0]));
		}).toList();
	}

	/** A share rounded to four places; 0 when nothing was counted. */
	static BigDecimal rate(long part, long whole) {
		return whole == 0 ? BigDecimal.ZERO.setScale(4)
				: BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
	}

}
