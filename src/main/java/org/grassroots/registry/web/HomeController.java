package org.grassroots.registry.web;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.internal.RegistryOverview;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing page: what is in my scope, at a glance. */
@Controller
class HomeController {

	private final CurrentUsers users;
	private final RegistryOverview overview;
	private final RegionTree tree;

	private final java.util.List<org.grassroots.access.WorkItemSource> work;

	HomeController(CurrentUsers users, RegistryOverview overview, RegionTree tree,
			java.util.List<org.grassroots.access.WorkItemSource> work) {
		this.work = work;
		this.users = users;
		this.overview = overview;
		this.tree = tree;
	}

	/** The most urgent first: overdue, then by the nearest deadline, then those without one. */
	private static final java.util.Comparator<org.grassroots.access.WorkItem> URGENCY = java.util.Comparator
		.comparing((org.grassroots.access.WorkItem w) -> !w.overdue())
		.thenComparing(org.grassroots.access.WorkItem::due, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));

	/**
	 * The workbench (工作台): what waits for me first, from every module, by my rights and scope; then my scope's figures.
	 * A grid worker on a phone goes straight to the phone app ({@code ?desk} shows this page anyway).
	 */
	@GetMapping("/")
	String home(Model model, @org.springframework.web.bind.annotation.RequestHeader(name = "User-Agent", required = false) String agent,
			@org.springframework.web.bind.annotation.RequestParam(required = false) String desk) {
		CurrentUser me = users.current();
		if (me.role() == org.grassroots.access.Role.GRID_WORKER && desk == null && agent != null
				&& (agent.contains("Mobi") || agent.contains("Android"))) {
			return "redirect:/m";
		}
		model.addAttribute("work", work.stream().flatMap(s -> s.itemsFor(me).stream()).sorted(URGENCY).toList());
		model.addAttribute("overview", overview.of(me.regionPath()));
		model.addAttribute("breadcrumb", tree.lineageWithin(me, me.regionPath()));
		model.addAttribute("scope", tree.byCode(me.regionCode()).orElse(null));
		return "registry/home";
	}

}
