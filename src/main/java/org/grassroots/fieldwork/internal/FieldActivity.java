package org.grassroots.fieldwork.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Predicate;

import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What people did beneath a node in a period, counted once by person and place so that targets and
 * the five-duty chain can be judged for many people and grids without a query each: visits (by
 * purpose and follow-up), patrols, and appeal work taken from the audit trail.
 */
final class FieldActivity {

	record VisitCount(String visitor, String path, FieldLog.Purpose purpose, FieldLog.FollowUp followUp, long count) {
	}

	record PatrolCount(String patroller, String path, long count) {
	}

	private final List<VisitCount> visits;
	private final List<PatrolCount> patrols;
	private final List<AuditTrail.Activity> appealWork;

	private FieldActivity(List<VisitCount> visits, List<PatrolCount> patrols, List<AuditTrail.Activity> appealWork) {
		this.visits = visits;
		this.patrols = patrols;
		this.appealWork = appealWork;
	}

	/** Activity beneath {@code path} on the days [from, to] (whole days, in the county's time zone). */
	static FieldActivity load(JdbcClient jdbc, AuditTrail audit, String path, LocalDate from, LocalDate to) {
		OffsetDateTime start = from.atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime();
		OffsetDateTime end = to.plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime();
		List<VisitCount> visits = jdbc.sql("""
				SELECT visitor, region_path, purpose, follow_up, COUNT(*) FROM fieldwork_visit
				WHERE region_path LIKE :p AND visited_at >= :s AND visited_at < :e GROUP BY visitor, region_path, purpose, follow_up""")
			.param("p", path + "%").param("s", start).param("e", end)
			.query((rs, i) -> new VisitCount(rs.getString(1), rs.getString(2), FieldLog.Purpose.valueOf(rs.getString(3)),
					FieldLog.FollowUp.valueOf(rs.getString(4)), rs.getLong(5)))
			.list();
		List<PatrolCount> patrols = jdbc.sql("""
				SELECT patroller, region_path, COUNT(*) FROM fieldwork_patrol
				WHERE region_path LIKE :p AND started_at >= :s AND started_at < :e GROUP BY patroller, region_path""")
			.param("p", path + "%").param("s", start).param("e", end)
			.query((rs, i) -> new PatrolCount(rs.getString(1), rs.getString(2), rs.getLong(3)))
			.list();
		Instant s = start.toInstant();
		Instant e = end.toInstant();
		return new FieldActivity(visits, patrols, audit.activity("appeal", path, s, e));
	}

	long visits(String who, String under) {
		return visits(who, under, v -> true);
	}

	long visits(String who, String under, Predicate<VisitCount> which) {
		return visits.stream()
			.filter(v -> v.visitor().equals(who) && v.path().startsWith(under) && which.test(v))
			.mapToLong(VisitCount::count)
			.sum();
	}

	long patrols(String who, String under) {
		return patrols.stream().filter(p -> p.patroller().equals(who) && p.path().startsWith(under)).mapToLong(PatrolCount::count).sum();
	}

	/** Audited steps on appeals beneath {@code under} taken by this person (accept, handle, resolve, supervise …). */
	long appealWork(String who, String under) {
		return appealWork.stream().filter(a -> a.actor().equals(who) && a.regionPath().startsWith(under))
			.mapToLong(AuditTrail.Activity::entries).sum();
	}

}
