package org.grassroots.disputes.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.access.WorkItem;
import org.grassroots.access.WorkItemSource;
import org.grassroots.calendar.WorkingCalendar;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What disputes wait for a person: cases still in mediation, and settled ones whose follow-up visit (回访) is due. */
@Component
class DisputeWork implements WorkItemSource {

	private final JdbcClient jdbc;
	private final Clock clock;

	DisputeWork(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public List<WorkItem> itemsFor(CurrentUser user) {
		if (!user.can(Permission.DISPUTE_HANDLE)) {
			return List.of();
		}
		List<WorkItem> items = new ArrayList<>();
		LocalDate today = LocalDate.ofInstant(clock.instant(), WorkingCalendar.ZONE);
		// a boundary case is the neighbouring township's to work on too
		jdbc.sql("""
				SELECT COUNT(*), MIN(follow_up_due) FROM disputes_case WHERE (region_path LIKE :p OR partner_region_path LIKE :p)
				  AND status = 'SETTLED' AND follow_up_on IS NULL AND follow_up_due <= :today""")
			.param("p", user.scopePattern()).param("today", today)
			.query((rs, i) -> {
				LocalDate due = rs.getObject(2, LocalDate.class);
				WorkItem.addIfAny(items, "work.disputes.followUp", rs.getLong(1), "/disputes?status=SETTLED",
						due == null ? null : due.atTime(23, 59).atZone(WorkingCalendar.ZONE).toInstant(), clock.instant());
				return null;
			}).list();
		jdbc.sql("""
				SELECT COUNT(*) FROM disputes_case WHERE (region_path LIKE :p OR partner_region_path LIKE :p) AND status IN ('OPEN', 'MEDIATING')""")
			.param("p", user.scopePattern())
			.query((rs, i) -> {
				WorkItem.addIfAny(items, "work.disputes.mediating", rs.getLong(1), "/disputes", null, clock.instant());
				return null;
			}).list();
		return items;
	}

}
