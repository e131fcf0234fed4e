package org.grassroots.fieldwork.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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
		List<Line> beneath = new ArrayList<>();
		for (RegionNode child : regions.children(node.id())) {
			beneath.add(line(child, from, to, keyGroups, due));
		}
		return new Report(line(node, from, to, keyGroups, due), beneath, from, to, due);
	}

	/** The figures of the node shown only, without the nodes beneath (the dashboard's card). */
	public Line total(CurrentUser user, String regionCode, LocalDate from, LocalDate to) {
		RegionNode node = shown(user, regionCode);
		var keyGroups = households.keyGroups(user, node.path());
		return line(node, from, to, keyGroups, plan.due(user, node.path(), clock.instant(), keyGroups));
	}

	private RegionNode shown(CurrentUser user, String regionCode) {
		user.require(Permission.FIELDWORK_READ);
		RegionNode node = regions.byCode(regionCode == null || regionCode.isBlank() ? user.regionCode() : regionCode.strip())
			.orElseThrow(OutOfScopeException::new);
		user.requireInScope(node.path());
		return node;
	}

	private Line line(RegionNode node, LocalDate from, LocalDate to, List<HouseholdDirectory.KeyGroupHousehold> keyGroups,
			List<VisitPlan.DueHousehold> due) {
		var start = from.atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime();
		var end = to.plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime();
		long total = households.countIn(node.path());
		long visited = jdbc.sql("""
				SELECT COUNT(DISTINCT household_id) FROM fieldwork_visit
				WHERE region_path LIKE :p AND household_id IS NOT NULL AND visited_at >= :s AND visited_at < :e""")
			.param("p", node.path() + "%").param("s", start).param("e", end).query(Long.class).single();
		long visits = jdbc.sql("SELECT COUNT(*) FROM fieldwork_visit WHERE region_path LIKE :p AND visited_at >= :s AND visited_at < :e")
			.param("p", node.path() + "%").param("s", start).param("e", end).query(Long.class).single();
		long patrols = jdbc.sql("SELECT COUNT(*) FROM fieldwork_patrol WHERE region_path LIKE :p AND started_at >= :s AND started_at < :e")
			.param("p", node.path() + "%").param("s", start).param("e", end).query(Long.class).single();
		long keyGroup = keyGroups.stream().filter(h -> h.regionPath().startsWith(node.path())).count();
		java.util.Set<Long> inNode = new java.util.HashSet<>();
		keyGroups.stream().filter(h -> h.regionPath().startsWith(node.path())).forEach(h -> inNode.add(h.id()));
		long keyGroupDue = due.stream().filter(d -> inNode.contains(d.householdId())).count();
		double share = total == 0 ? 0 : Math.round(visited * 10000.0 / total) / 10000.0;
		return new Line(node.code(), node.name(), total, visited, share, keyGroup, keyGroupDue, visits, patrols);
	}

}
