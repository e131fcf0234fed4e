package org.grassroots.fieldwork.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditTrail;
import org.grassroots.fieldwork.internal.Assignments.Assignment;
import org.grassroots.fieldwork.internal.Assignments.Duty;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.RegionType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The "五有" chain of each grid in a period: for each of the five duties, who held it and whether they
 * did it. A duty is a gap when nobody held it (MISSING) or nobody who held it left a trace (IDLE):
 * patrolling means patrols; reporting means visits or incident reports; being responsible means any
 * field or appeal work in the grid; resolving means needs resolved on the spot or appeal steps taken;
 * supervising means supervision visits or appeal steps.
 */
@Component
public class FiveChain {

	public enum State {
		ACTIVE, IDLE, MISSING
	}

	public record DutyState(Duty duty, List<String> people, long actions, State state) {
	}

	public record GridChain(String code, String name, String villageName, String path, List<DutyState> duties, int gaps) {
	}

	public record Report(LocalDate from, LocalDate to, List<GridChain> grids, long complete, long withGaps) {
	}

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final Assignments assignments;
	private final RegionTree regions;

	FiveChain(JdbcClient jdbc, AuditTrail audit, Assignments assignments, RegionTree regions) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.assignments = assignments;
		this.regions = regions;
	}

	public Report of(CurrentUser user, String regionCode, LocalDate from, LocalDate to) {
		user.require(Permission.FIELDWORK_READ);
		String path = assignments.scopePath(user, regionCode);
		List<Assignment> held = assignments.heldWithin(path, from, to);
		FieldActivity activity = FieldActivity.load(jdbc, audit, path, from, to);
		List<GridChain> grids = new ArrayList<>();
		List<RegionNode> subtree = regions.subtree(path);
		// the grids' villages read together, not one query per grid
		java.util.Map<Long, RegionNode> villages = regions.byIds(subtree.stream().filter(n -> n.type() == RegionType.GRID)
			.map(RegionNode::parentId).filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
		for (RegionNode grid : subtree) {
			if (grid.type() != RegionType.GRID) {
				continue;
			}
			List<DutyState> duties = new ArrayList<>();
			for (Duty duty : Duty.CHAIN) {
				List<Assignment> holders = held.stream().filter(a -> a.duty() == duty && a.regionPath().equals(grid.path())).toList();
				long actions = holders.stream().mapToLong(a -> actions(activity, duty, a.username(), grid.path())).sum();
				State state = holders.isEmpty() ? State.MISSING : actions > 0 ? State.ACTIVE : State.IDLE;
				duties.add(new DutyState(duty, holders.stream().map(Assignment::displayName).distinct().toList(), actions, state));
			}
			int gaps = (int) duties.stream().filter(d -> d.state() != State.ACTIVE).count();
			RegionNode parent = grid.parentId() == null ? null : villages.get(grid.parentId());
			String village = parent == null ? "" : parent.name();
			grids.add(new GridChain(grid.code(), grid.name(), village, grid.path(), duties, gaps));
		}
		long complete = grids.stream().filter(g -> g.gaps() == 0).count();
		return new Report(from, to, grids, complete, grids.size() - complete);
	}

	private static long actions(FieldActivity activity, Duty duty, String who, String grid) {
		return switch (duty) {
			case PATROL -> activity.patrols(who, grid);
			case REPORT -> activity.visits(who, grid);
			case RESPONSIBLE -> activity.visits(who, grid) + activity.patrols(who, grid) + activity.appealWork(who, grid);
			case RESOLVE -> activity.visits(who, grid, v -> v.followUp() == FieldLog.FollowUp.RESOLVED_ON_SPOT)
					+ activity.appealWork(who, grid);
			case SUPERVISE -> activity.visits(who, grid, v -> v.purpose() == FieldLog.Purpose.SUPERVISION)
					+ activity.appealWork(who, grid);
			case VILLAGE_LINK -> activity.visits(who, grid);
		};
	}

}
