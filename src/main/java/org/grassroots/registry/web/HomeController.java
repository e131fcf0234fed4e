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

	HomeController(CurrentUsers users, RegistryOverview overview, RegionTree tree) {
		this.users = users;
		this.overview = overview;
		this.tree = tree;
	}

	@GetMapping("/")
	String home(Model model) {
		CurrentUser me = users.current();
		model.addAttribute("overview", overview.of(me.regionPath()));
		model.addAttribute("breadcrumb", tree.lineageWithin(me, me.regionPath()));
		model.addAttribute("scope", tree.byCode(me.regionCode()).orElse(null));
		return "registry/home";
	}

}
