package org.grassroots.appeals.web;

import org.grassroots.access.CurrentUsers;
import org.grassroots.appeals.internal.Open311Gateway;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admins issue and revoke the API keys of Open311 clients. */
@Controller
class Open311KeyPages {

	private final CurrentUsers users;
	private final Open311Gateway gateway;

	Open311KeyPages(CurrentUsers users, Open311Gateway gateway) {
		this.users = users;
		this.gateway = gateway;
	}

	@GetMapping("/appeals/open311-keys")
	String keys(Model model) {
		model.addAttribute("keys", gateway.keys(users.current()));
		return "appeals/open311-keys";
	}

	@PostMapping("/appeals/open311-keys")
	String issue(@RequestParam(required = false) String name, Model model) {
		if (name == null || name.isBlank() || name.length() > 64) {
			model.addAttribute("nameError", true);
		}
		else {
			model.addAttribute("secret", gateway.issue(users.current(), name.strip()));
		}
		return keys(model);
	}

	@PostMapping("/appeals/open311-keys/{id}/revoke")
	String revoke(@PathVariable long id) {
		gateway.revoke(users.current(), id);
		return "redirect:/appeals/open311-keys";
	}

}
