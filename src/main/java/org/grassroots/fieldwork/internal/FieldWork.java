package org.grassroots.fieldwork.internal;

import java.time.Clock;
import java.util.List;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.access.WorkItem;
import org.grassroots.access.WorkItemSource;
import org.springframework.stereotype.Component;

/** What field work waits for a person who records visits: the key-group households due a visit in their grid. */
@Component
class FieldWork implements WorkItemSource {

	private final VisitPlan plan;
	private final Clock clock;

	FieldWork(VisitPlan plan, Clock clock) {
		this.plan = plan;
		this.clock = clock;
	}

	@Override
	public List<WorkItem> itemsFor(CurrentUser user) {
		// for those who walk a village or grid: the county's and townships' whole list is the coverage page's, not a to-do
		if (!user.can(Permission.FIELDWORK_RECORD) || !user.can(Permission.FIELDWORK_READ) || user.depth() < 2) {
			return List.of();
		}
		List<WorkItem> items = new java.util.ArrayList<>(1);
		WorkItem.addIfAny(items, "work.fieldwork.due", plan.due(user, clock.instant()).size(), "/m", null, clock.instant());
		return items;
	}

}
