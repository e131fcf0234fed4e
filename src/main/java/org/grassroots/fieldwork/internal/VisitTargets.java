package org.grassroots.fieldwork.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.fieldwork.internal.Assignments.Assignment;
import org.grassroots.fieldwork.internal.Assignments.Duty;
import org.grassroots.registry.HouseholdDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each person's visits against their target in a period (包村: e.g. at least 8 a month in the linked
 * village), and each party member's linked households (党员联系户) visited in it. A monthly target is
 * spread over the days of its month, so a period of ten days in a 30-day month owes a third of it;
 * "due so far" is what the days up to today owe, and a person is behind when below that.
 */
@Component
public class VisitTargets {

	public enum Standing {
		MET, ON_TRACK, BEHIND, NO_TARGET
	}

	public record PersonLine(long assignmentId, String username, String displayName, Duty duty, String regionCode,
			String regionName, int monthlyTarget, long done, int periodTarget, int dueSoFar, Standing standing) {
	}

	public record MemberLine(long memberId, String memberName, int households, int visited, List<String> notVisited) {
	}

	public record Report(LocalDate from, LocalDate to, List<PersonLine> people, long behind, List<MemberLine> members,
			long memberHouseholds, long memberHouseholdsVisited) {
	}

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final Assignments assignments;
	private final HouseholdDirectory households;

	VisitTargets(JdbcClient jdbc, AuditTrail audit, Assignments assignments, HouseholdDirectory households) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.assignments = assignments;
		this.households = households;
	}

	public Report of(CurrentUser user, String regionCode, LocalDate from, LocalDate to) {
		return of(user, regionCode, from, to, LocalDate.now(WorkingCalendar.ZONE));
	}

	Report of(CurrentUser user, String regionCode, LocalDate from, LocalDate to, LocalDate today) {
		user.require(Permission.FIELDWORK_READ);
		String path = assignments.scopePath(user, regionCode);
		Map<String, FieldActivity> windows = new HashMap<>();
		List<PersonLine> people = new ArrayList<>();
		for (Assignment a : assignments.heldWithin(path, from, to)) {
			LocalDate start = a.activeFrom().isAfter(from) ? a.activeFrom() : from;
			LocalDate end = a.activeTo() != null && a.activeTo().isBefore(to) ? a.activeTo() : to;
			FieldActivity activity = windows.computeIfAbsent(start + "/" + end,
					w -> FieldActivity.load(jdbc, audit, path, start, end));
			long done = a.duty() == Duty.PATROL ? activity.patrols(a.username(), a.regionPath())
					: activity.visits(a.username(), a.regionPath());
			int periodTarget = owed(a.monthlyTarget(), start, end);
			int dueSoFar = today.isBefore(start) ? 0 : owed(a.monthlyTarget(), start, today.isBefore(end) ? today : end);
			Standing standing = a.monthlyTarget() == 0 ? Standing.NO_TARGET
					: done >= periodTarget ? Standing.MET : done >= dueSoFar ? Standing.ON_TRACK : Standing.BEHIND;
			people.add(new PersonLine(a.id(), a.username(), a.displayName(), a.duty(), a.regionCode(), a.regionName(),
					a.monthlyTarget(), done, periodTarget, dueSoFar, standing));
		}
		long behind = people.stream().filter(p -> p.standing() == Standing.BEHIND).count();
		people.sort(Comparator.comparing((PersonLine p) -> p.standing() != Standing.BEHIND).thenComparing(PersonLine::regionCode)
			.thenComparing(PersonLine::displayName));
		Set<Long> visitedHouseholds = new HashSet<>(jdbc.sql("""
				SELECT DISTINCT household_id FROM fieldwork_visit
				WHERE region_path LIKE :p AND household_id IS NOT NULL AND visited_at >= :s AND visited_at < :e""")
			.param("p", path + "%")
			.param("s", from.atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime())
			.param("e", to.plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime())
			.query(Long.class).list());
		Map<Long, List<HouseholdDirectory.MemberLink>> byMember = new LinkedHashMap<>();
		households.memberLinks(user, path).forEach(l -> byMember.computeIfAbsent(l.memberId(), k -> new ArrayList<>()).add(l));
		List<MemberLine> members = new ArrayList<>();
		long linked = 0;
		long linkedVisited = 0;
		for (var links : byMember.values()) {
			List<String> missed = links.stream().filter(l -> !visitedHouseholds.contains(l.householdId()))
				.map(HouseholdDirectory.MemberLink::address).toList();
			int visited = links.size() - missed.size();
			linked += links.size();
			linkedVisited += visited;
			members.add(new MemberLine(links.get(0).memberId(), links.get(0).memberName(), links.size(), visited, missed));
		}
		members.sort(Comparator.comparingDouble((MemberLine m) -> m.visited() / (double) m.households())
			.thenComparing(MemberLine::memberName));
		return new Report(from, to, people, behind, members, linked, linkedVisited);
	}

	/** What a monthly target owes over the days [from, to]: each month's share by its days covered, rounded up. */
	static int owed(int monthly, LocalDate from, LocalDate to) {
		if (monthly == 0 || to.isBefore(from)) {
			return 0;
		}
		double sum = 0;
		for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
			LocalDate a = from.isAfter(m.atDay(1)) ? from : m.atDay(1);
			LocalDate b = to.isBefore(m.atEndOfMonth()) ? to : m.atEndOfMonth();
			sum += monthly * (ChronoUnit.DAYS.between(a, b) + 1) / (double) m.lengthOfMonth();
		}
		return (int) Math.ceil(sum - 1e-9);
	}

}
