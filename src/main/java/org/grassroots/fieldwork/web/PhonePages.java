package org.grassroots.fieldwork.web;

import java.time.Instant;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.access.Permission;
import org.grassroots.fieldwork.internal.FieldLog;
import org.grassroots.fieldwork.internal.VisitPlan;
import org.grassroots.shell.Pages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The grid worker's phone app (a server page that installs as a PWA): households due a visit, a quick
 * visit form, patrol start/stop and what is waiting to sync. Entries made offline wait in the browser
 * (IndexedDB) and are sent with their client key when the connection returns.
 */
@Controller
class PhonePages {

	private final CurrentUsers users;
	private final VisitPlan plan;
	private final FieldLog log;
	private final org.grassroots.registry.HouseholdDirectory households;

	/** The one clock (shell): never now() here. */
	private final java.time.Clock clock;

	private final PhoneShellVersion shell;

	PhonePages(CurrentUsers users, VisitPlan plan, FieldLog log, org.grassroots.registry.HouseholdDirectory households, java.time.Clock clock,
			PhoneShellVersion shell) {
		this.clock = clock;
		this.shell = shell;
		this.households = households;
		this.users = users;
		this.plan = plan;
		this.log = log;
	}

	@GetMapping("/m")
	String phone(Model model) {
		CurrentUser me = users.current();
		me.require(Permission.FIELDWORK_RECORD);
		var due = plan.due(me, clock.instant()).stream().limit(30).toList();
		var tags = plan.tagLabels(due, org.springframework.context.i18n.LocaleContextHolder.getLocale());
		java.util.Set<Long> dueIds = new java.util.HashSet<>();
		due.forEach(d -> dueIds.add(d.householdId()));
		// the rest of my households, for a visit nobody planned (a grid holds well under this)
		model.addAttribute("others", households.within(me, me.regionPath()).stream().filter(h -> !dueIds.contains(h.id()))
			.limit(500).toList());
		model.addAttribute("purposes", java.util.List.of(FieldLog.Purpose.ROUTINE, FieldLog.Purpose.KEY_GROUP,
				FieldLog.Purpose.FOLLOW_UP, FieldLog.Purpose.SUPERVISION));
		model.addAttribute("due", due);
		model.addAttribute("shellVersion", shell.version());
		model.addAttribute("dueTags", tags);
		model.addAttribute("recent", log.visits(me, new FieldLog.VisitFilter(null, me.username(), null, null, null, null), Pages.of(0, 10)).getContent());
		return "fieldwork/phone";
	}

	@GetMapping("/api/v1/visits/due")
	@ResponseBody
	java.util.List<VisitPlan.DueHousehold> due() {
		return plan.due(users.current(), clock.instant());
	}

}
