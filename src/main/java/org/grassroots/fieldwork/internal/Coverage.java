package org.grassroots.fieldwork.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.registry.HouseholdDirectory;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Coverage of a region and period, for it and for each node beneath: households visited out of all,
 * key-group households and how many of them are now due, visits and patrols.
 */
@Component
public class Coverage {

	private final JdbcClient jdbc;
	private final RegionTree regions;
	private final HouseholdDirectory households;
	private final VisitPlan plan;

	/** The one clock (shell): never now() here. */
	private final java.time.Clock clock;

	Coverage(JdbcClient jdbc, RegionTree regions, HouseholdDirectory households, VisitPlan plan, java.time.Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.regions = regions;
		this.households = households;
		this.plan = plan;
	}

	public record Line(String code, String name, long households, long householdsVisited, double visitedShare, long keyGroupHouseholds,
			long keyGroupDue, long visits, long patrols) {
	}

	/** The figures of the node shown and of each node beneath it; {@code due} is that node's due list, for its page. */
	public record Report(Line total, List<Line> beneath, LocalDate from, LocalDate to,
			@com.fasterxml.jackson.annotation.JsonIgnore List<VisitPlan.DueHousehold> due) {
	}

	public Report of(CurrentUser user, String regionCode, LocalDate from, LocalDate to) {
		RegionNode node = shown(user, regionCode);
		// the node shown, not the caller's whole scope: a township's page reads its own households, once
		var keyGroups = households.keyGroups(user, node.path());
		var due = plan.due(user, node.path(), clock.instant(), keyGroups);
		List<RegionNode> children = regions.children(node.id());
		// every child's visits and patrols counted in one statement each, not three statements a child
		Map<String, long[]> counted = counted(node, children, from, to);
		List<Line> beneath = new ArrayList<>();
		for (RegionNode child : children) {
			beneath.add(line(child, counted.get(child.path()), keyGroups, due));
		}
		return new Report(line(node, counted(node, List.of(node), from, to).get(node.path()), keyGroups, due), beneath, from, to, due);
	}

	/** The figures of the node shown only, without the nodes beneath (the dashboard's card). */
	public Line total(CurrentUser user, String regionCode, LocalDate from, LocalDate to) {
		RegionNode node = shown(user, regionCode);
		var keyGroups = households.keyGroups(user, node.path());
		return line(node, counted(node, List.of(node), from, to).get(node.path()), keyGroups,
				plan.due(user, node.path(), clock.instant(), keyGroups));
	}

	private RegionNode shown(CurrentUser user, String regionCode) {
		user.require(Permission.FIELDWORK_READ);
		RegionNode node = regions.byCode(regionCode == null || regionCode.isBlank() ? user.regionCode() : regionCode.strip())
			.orElseThrow(OutOfScopeException::new);
		user.requireInScope(node.path());
		return node;
	}

	/**
	 * Households visited, visits and patrols in the period under each of {@code parts} (the node itself, or its
	 * children), by path: one grouped statement per table when the parts' paths are of one length (a level's codes
	 * are), else one part at a time.
	 */
	private Map<String, long[]> counted(RegionNode node, List<RegionNode> parts, LocalDate from, LocalDate to) {
		Map<String, long[]> counted = new java.util.HashMap<>();
		parts.forEach(p -> counted.put(p.path(), new long[3]));
		if (parts.isEmpty()) {
			return counted;
		}
		int length = parts.get(0).path().length();
		if (parts.stream().anyMatch(p -> p.path().length() != length)) {
			parts.forEach(p -> counted.putAll(counted(node, List.of(p), from, to)));
			return counted;
		}
		var start = from.atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime();
		var end = to.plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime();
		String part = "SUBSTRING(region_path, 1, " + length + ")";
		// households visited and visits into [0] and [1], patrols into [2]
		grouped(counted, "SELECT part, COUNT(DISTINCT household_id), COUNT(*) FROM (SELECT " + part
				+ " AS part, household_id FROM fieldwork_visit WHERE region_path LIKE :p AND visited_at >= :s AND visited_at < :e) v GROUP BY part",
				0, node, start, end);
		grouped(counted, "SELECT part, COUNT(*) FROM (SELECT " + part
				+ " AS part FROM fieldwork_patrol WHERE region_path LIKE :p AND started_at >= :s AND started_at < :e) v GROUP BY part",
				2, node, start, end);
		return counted;
	}

	/** A grouped count's figures (after the part's path) put into each part's sums from {@code into} on. */
	private void grouped(Map<String, long[]> counted, String sql, int into, RegionNode node, java.time.OffsetDateTime start,
			java.time.OffsetDateTime end) {
		jdbc.sql(sql).param("p", node.path() + "%").param("s", start).param("e", end).query((rs, i) -> {
			long[] sums = counted.get(rs.getString(1));
			for (int column = 2; sums != null && column <= rs.getMetaData().getColumnCount(); column++) {
				sums[into + column - 2] = rs.getLong(column);
			}
			return null;
		}).list();
	}

	private Line line(RegionNode node, long[] counted, List<HouseholdDirectory.KeyGroupHousehold> keyGroups,
			List<VisitPlan.DueHousehold> due) {
		long total = households.countIn(node.path());
		long visited = counted[0];
		long visits = counted[1];
		long patrols = counted[2];
		long keyGroup = keyGroups.stream().filter(h -> h.regionPath().startsWith(node.path())).count();
		java.util.Set<Long> inNode = new java.util.HashSet<>();
		keyGroups.stream().filter(h -> h.regionPath().startsWith(node.path())).forEach(h -> inNode.add(h.id()));
		long keyGroupDue = due.stream().filter(d -> inNode.contains(d.householdId())).count();
		double share = total == 0 ? 0 : Math.round(visited * 10000.0 / total) / 10000.0;
		return new Line(node.code(), node.name(), total, visited, share, keyGroup, keyGroupDue, visits, patrols);
	}

}
