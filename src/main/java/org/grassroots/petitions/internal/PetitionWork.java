package org.grassroots.petitions.internal;

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

/**
 * What petitions wait for a person: close-outs (销号) someone else asked for, to approve (never one's own), and the cases
 * they own (领导包案) still open, by their deadline.
 */
@Component
class PetitionWork implements WorkItemSource {

	private final JdbcClient jdbc;
	private final Clock clock;

	PetitionWork(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public List<WorkItem> itemsFor(CurrentUser user) {
		List<WorkItem> items = new ArrayList<>();
		LocalDate today = LocalDate.ofInstant(clock.instant(), WorkingCalendar.ZONE);
		if (user.can(Permission.PETITION_APPROVE)) {
			jdbc.sql("""
					SELECT COUNT(*), MIN(p.due_on) FROM petitions_item i JOIN petitions_petition p ON p.id = i.petition_id
					WHERE p.region_path LIKE :scope AND i.status = 'REQUESTED' AND i.requested_by <> :me""")
				.param("scope", user.scopePattern()).param("me", user.username())
				.query((rs, i) -> add(items, "work.petitions.approve", "/petitions/approvals", rs.getLong(1), rs.getObject(2, LocalDate.class),
						today))
				.list();
		}
		if (user.can(Permission.PETITION_READ)) {
			jdbc.sql("""
					SELECT COUNT(*), MIN(due_on) FROM petitions_petition WHERE region_path LIKE :scope AND owner_username = :me
					  AND status <> 'CLOSED'""")
				.param("scope", user.scopePattern()).param("me", user.username())
				.query((rs, i) -> add(items, "work.petitions.owned", "/petitions?owner=" + user.username(), rs.getLong(1),
						rs.getObject(2, LocalDate.class), today))
				.list();
		}
		return items;
	}

	/** A case is due by the end of its day (shown as 23:59 of it). */
	private Object add(List<WorkItem> items, String key, String href, long count, LocalDate due, LocalDate today) {
		WorkItem.addIfAny(items, key, count, href, due == null ? null : due.atTime(23, 59).atZone(WorkingCalendar.ZONE).toInstant(),
				clock.instant());
		return null;
	}

}
