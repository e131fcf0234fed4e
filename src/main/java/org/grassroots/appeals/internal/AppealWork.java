package org.grassroots.appeals.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.access.WorkItem;
import org.grassroots.access.WorkItemSource;
import org.grassroots.appeals.AppealLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * What appeals wait for a person: to accept, to resolve, resolved and waiting for the return visit (回访), overdue —
 * only those at a level they may handle (a village appeal by anyone over it, a township one from the township up);
 * and for a department, the whistles waiting for it to report in.
 */
@Component
class AppealWork implements WorkItemSource {

	private final JdbcClient jdbc;
	private final Clock clock;

	AppealWork(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public List<WorkItem> itemsFor(CurrentUser user) {
		List<WorkItem> items = new ArrayList<>();
		Instant now = clock.instant();
		if (StringUtils.hasText(user.department()) && user.can(Permission.APPEAL_READ)) {
			add(items, "work.appeals.reportIn", "/appeals/inbox", now, jdbc.sql("""
					SELECT COUNT(*), MIN(w.report_due) FROM appeals_whistle w JOIN appeals_appeal a ON a.id = w.appeal_id
					WHERE w.department = :d AND w.reported_at IS NULL AND a.region_path LIKE :scope""")
				.param("d", user.department()).param("scope", user.scopePattern()));
		}
		if (!user.can(Permission.APPEAL_HANDLE)) {
			return items;
		}
		// the levels this person handles: the village's always, the township's from the township up, the county's at the county
		List<String> levels = new ArrayList<>(List.of(AppealLevel.VILLAGE.name()));
		if (user.depth() <= AppealLevel.TOWNSHIP.depth()) {
			levels.add(AppealLevel.TOWNSHIP.name());
		}
		if (user.depth() <= AppealLevel.COUNTY.depth()) {
			levels.add(AppealLevel.COUNTY.name());
		}
		add(items, "work.appeals.accept", "/appeals?status=SUBMITTED", now, count("status = 'SUBMITTED'", "response_due", user, levels));
		add(items, "work.appeals.resolve", "/appeals?status=ACCEPTED", now, count("status = 'ACCEPTED'", "resolution_due", user, levels));
		add(items, "work.appeals.inProgress", "/appeals?status=IN_PROGRESS", now,
				count("status = 'IN_PROGRESS'", "resolution_due", user, levels));
		add(items, "work.appeals.rate", "/appeals?status=RESOLVED", now, count("status = 'RESOLVED'", "resolved_at", user, levels));
		return items;
	}

	private JdbcClient.StatementSpec count(String condition, String dueColumn, CurrentUser user, List<String> levels) {
		return jdbc.sql("SELECT COUNT(*), MIN(" + dueColumn + ") FROM appeals_appeal WHERE region_path LIKE :scope AND " + condition
				+ " AND level IN (:levels)").param("scope", user.scopePattern()).param("levels", levels);
	}

	/** One line of the workbench when anything waits; a resolved appeal's column is when it was resolved, not a deadline. */
	private static void add(List<WorkItem> items, String key, String href, Instant now, JdbcClient.StatementSpec query) {
		query.query((rs, i) -> {
			OffsetDateTime due = rs.getObject(2, OffsetDateTime.class);
			WorkItem.addIfAny(items, key, rs.getLong(1), href, due == null || key.equals("work.appeals.rate") ? null : due.toInstant(), now);
			return null;
		}).list();
	}

}
