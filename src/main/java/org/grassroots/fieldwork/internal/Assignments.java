package org.grassroots.fieldwork.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.grassroots.access.AccountDirectory;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.RegionType;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.InputRejected.FieldProblem;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * 包村联户 and the "五有" chain: a person (an account) assigned to a village or a grid for a duty, with a
 * monthly visit target. Ending an assignment keeps it, with the day it ended, so that earlier periods
 * are still judged against who was assigned then.
 */
@Service
public class Assignments {

	/**
	 * A village link (包村, leaders and cadres), or one of the grid's five duties: someone patrols
	 * (有人巡), reports (有人报), is responsible (有人管), resolves (有人办), supervises (有人督).
	 */
	public enum Duty {

		VILLAGE_LINK(8), PATROL(8), REPORT(8), RESPONSIBLE(0), RESOLVE(0), SUPERVISE(0);

		/** The five duties of a grid's chain, in order. */
		public static final List<Duty> CHAIN = List.of(PATROL, REPORT, RESPONSIBLE, RESOLVE, SUPERVISE);

		private final int defaultTarget;

		Duty(int defaultTarget) {
			this.defaultTarget = defaultTarget;
		}

		public int defaultTarget() {
			return defaultTarget;
		}

		public boolean onGrid() {
			return this != VILLAGE_LINK;
		}

		public String messageKey() {
			return "fieldwork.duty." + name();
		}

	}

	public record Form(String username, Duty duty, String regionCode, Integer monthlyTarget, LocalDate activeFrom, String note) {
	}

	public record Assignment(long id, String username, String displayName, Duty duty, String regionCode, String regionName,
			String regionPath, int monthlyTarget, LocalDate activeFrom, LocalDate activeTo, String note, int version) {

		/** Whether the assignment held on any day of [from, to]. */
		public boolean overlaps(LocalDate from, LocalDate to) {
			return !activeFrom.isAfter(to) && (activeTo == null || !activeTo.isBefore(from));
		}

		public boolean ended() {
			return activeTo != null;
		}

	}

	private final JdbcClient jdbc;
	private final RegionTree regions;
	private final AccountDirectory people;
	private final AuditTrail audit;

	/** The one clock (shell): never now() here. */
	private final java.time.Clock clock;

	Assignments(JdbcClient jdbc, RegionTree regions, AccountDirectory people, AuditTrail audit, java.time.Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.regions = regions;
		this.people = people;
		this.audit = audit;
	}

	@Transactional
	public Assignment create(CurrentUser user, Form form) {
		user.require(Permission.FIELDWORK_ASSIGN);
		List<FieldProblem> problems = new ArrayList<>();
		Optional<AccountDirectory.Person> person = people.find(form.username()).filter(AccountDirectory.Person::enabled);
		if (person.isEmpty()) {
			problems.add(problem("username", "fieldwork.assignment.person.unknown"));
		}
		if (form.duty() == null) {
			problems.add(problem("duty", "validation.required"));
		}
		RegionNode region = StringUtils.hasText(form.regionCode())
				? regions.byCode(form.regionCode().strip()).filter(r -> user.covers(r.path())).orElse(null) : null;
		if (region == null) {
			problems.add(problem("regionCode", "registry.region.outOfScope"));
		}
		else if (form.duty() != null) {
			boolean village = region.type() == RegionType.VILLAGE || region.type() == RegionType.COMMUNITY;
			if (form.duty().onGrid() ? region.type() != RegionType.GRID : !village) {
				problems.add(problem("regionCode", form.duty().onGrid() ? "fieldwork.assignment.region.grid"
						: "fieldwork.assignment.region.village"));
			}
			else if (person.isPresent() && !person.get().reaches(region.path())) {
				problems.add(problem("username", "fieldwork.assignment.person.outOfReach"));
			}
		}
		int target = form.monthlyTarget() != null ? form.monthlyTarget() : form.duty() == null ? 0 : form.duty().defaultTarget();
		if (target < 0 || target > 200) {
			problems.add(problem("monthlyTarget", "fieldwork.assignment.target.range"));
		}
		LocalDate today = LocalDate.ofInstant(clock.instant(), WorkingCalendar.ZONE);
		LocalDate from = form.activeFrom() == null ? today : form.activeFrom();
		if (from.isBefore(today.minusYears(5)) || from.isAfter(today.plusYears(1))) {
			problems.add(problem("activeFrom", "fieldwork.assignment.from.range"));
		}
		if (form.note() != null && form.note().length() > 200) {
			problems.add(problem("note", "validation.tooLong"));
		}
		if (problems.isEmpty() && jdbc.sql("""
				SELECT COUNT(*) FROM fieldwork_assignment WHERE username = :u AND duty = :d AND region_id = :r AND active_to IS NULL""")
			.param("u", person.get().username()).param("d", form.duty().name()).param("r", region.id())
			.query(Long.class).single() > 0) {
			problems.add(problem("username", "fieldwork.assignment.duplicate"));
		}
		if (!problems.isEmpty()) {
			throw new InputRejected(problems);
		}
		jdbc.sql("""
				INSERT INTO fieldwork_assignment (username, duty, region_id, region_path, monthly_target, active_from, note, created_by, created_at)
				VALUES (:u, :d, :r, :p, :t, :f, :n, :by, :at)""")
			.param("u", person.get().username()).param("d", form.duty().name()).param("r", region.id()).param("p", region.path())
			.param("t", target).param("f", from).param("n", StringUtils.hasText(form.note()) ? form.note().strip() : null)
			.param("by", user.username()).param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
			.update();
		long id = jdbc.sql("""
				SELECT MAX(id) FROM fieldwork_assignment WHERE username = :u AND duty = :d AND region_id = :r AND active_to IS NULL""")
			.param("u", person.get().username()).param("d", form.duty().name()).param("r", region.id()).query(Long.class).single();
		Assignment created = byId(id).orElseThrow();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("username", created.username());
		after.put("duty", created.duty());
		after.put("regionCode", created.regionCode());
		after.put("monthlyTarget", created.monthlyTarget());
		after.put("activeFrom", created.activeFrom());
		audit.created("assignment", id, region.path(), created.duty() + " " + created.username() + " → " + region.name(), after);
		return created;
	}

	/** Ends an assignment on a day (default today); a stale version is a conflict, ending it again changes nothing. */
	@Transactional
	public Assignment end(CurrentUser user, long id, Integer version, LocalDate on) {
		user.require(Permission.FIELDWORK_ASSIGN);
		Assignment current = byId(id).filter(a -> user.covers(a.regionPath())).orElseThrow(OutOfScopeException::new);
		if (current.ended()) {
			return current;
		}
		if (version == null) {
			throw new InputRejected("version", "validation.required");
		}
		LocalDate last = on == null ? LocalDate.ofInstant(clock.instant(), WorkingCalendar.ZONE) : on;
		if (last.isBefore(current.activeFrom())) {
			throw new InputRejected("activeTo", "fieldwork.assignment.to.beforeFrom");
		}
		int changed = jdbc.sql("""
				UPDATE fieldwork_assignment SET active_to = :to, version = version + 1 WHERE id = :id AND version = :v AND active_to IS NULL""")
			.param("to", last).param("id", id).param("v", version).update();
		if (changed == 0) {
			throw new OptimisticLockingFailureException("Assignment " + id + " was changed by someone else");
		}
		audit.updated("assignment", id, current.regionPath(), org.grassroots.audit.AuditTrail.summary("assignmentEnded", current.duty(), current.username()),
				Map.of("activeTo", "—"), Map.of("activeTo", last));
		return byId(id).orElseThrow();
	}

	/** Assignments at or beneath a node of the caller's scope: those not ended, and ended ones too when asked. */
	public List<Assignment> within(CurrentUser user, String regionCode, boolean includeEnded) {
		user.require(Permission.FIELDWORK_READ);
		String path = scopePath(user, regionCode);
		return load(path, includeEnded);
	}

	/** Every assignment beneath {@code path} that held on some day of [from, to]. */
	List<Assignment> heldWithin(String path, LocalDate from, LocalDate to) {
		return load(path, true).stream().filter(a -> a.overlaps(from, to)).toList();
	}

	String scopePath(CurrentUser user, String regionCode) {
		if (!StringUtils.hasText(regionCode)) {
			return user.regionPath();
		}
		RegionNode node = regions.byCode(regionCode.strip()).orElseThrow(OutOfScopeException::new);
		user.requireInScope(node.path());
		return node.path();
	}

	private List<Assignment> load(String path, boolean includeEnded) {
		return named(jdbc.sql("SELECT * FROM fieldwork_assignment WHERE region_path LIKE :p" + (includeEnded ? "" : " AND active_to IS NULL")
				+ " ORDER BY region_path, duty, username, id")
			.param("p", path + "%")
			.query((rs, i) -> row(rs))
			.list());
	}

	/** An assignment as read, before its person and place are named. */
	private record Read(long id, String username, Duty duty, long regionId, int monthlyTarget, java.time.LocalDate from,
			java.time.LocalDate to, String note, int version) {
	}

	private static Read row(java.sql.ResultSet rs) throws java.sql.SQLException {
		java.sql.Date to = rs.getDate("active_to");
		return new Read(rs.getLong("id"), rs.getString("username"), Duty.valueOf(rs.getString("duty")), rs.getLong("region_id"),
				rs.getInt("monthly_target"), rs.getDate("active_from").toLocalDate(), to == null ? null : to.toLocalDate(),
				rs.getString("note"), rs.getInt("version"));
	}

	/**
	 * People and places named once the rows are read, all in one read each: a look-up from the row mapper would take a
	 * second connection while the list's is held, and one per person would be a query per row.
	 */
	private List<Assignment> named(List<Read> rows) {
		Map<String, AccountDirectory.Person> named = people.findAll(rows.stream().map(Read::username).toList());
		Map<Long, RegionNode> places = regions.byIds(rows.stream().map(Read::regionId).collect(java.util.stream.Collectors.toSet()));
		return rows.stream().map(r -> {
			AccountDirectory.Person person = named.get(r.username());
			String name = person == null ? r.username() : person.displayName();
			RegionNode region = places.get(r.regionId());
			return new Assignment(r.id(), r.username(), name, r.duty(), region.code(), region.name(), region.path(),
					r.monthlyTarget(), r.from(), r.to(), r.note(), r.version());
		}).toList();
	}

	Optional<Assignment> byId(long id) {
		return jdbc.sql("SELECT * FROM fieldwork_assignment WHERE id = :id").param("id", id)
			.query((rs, i) -> row(rs))
			.optional()
			.map(r -> named(List.of(r)).get(0));
	}

	private static FieldProblem problem(String field, String code) {
		return new FieldProblem(field, code, new Object[0]);
	}

}
