package org.grassroots.registry.web;

import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.access.CurrentUsers;
import org.grassroots.access.Permission;
import org.grassroots.registry.internal.TagCatalogue;
import org.grassroots.shell.InputRejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admins keep the list of resident and household tags. */
@Controller
class TagPages {

	private final CurrentUsers users;
	private final TagCatalogue tags;

	TagPages(CurrentUsers users, TagCatalogue tags) {
		this.users = users;
		this.tags = tags;
	}

	@GetMapping("/registry/tags")
	String list(Model model) {
		users.current().require(Permission.REGISTRY_CONFIGURE);
		model.addAttribute("tags", tags.all());
		return "registry/tags";
	}

	@PostMapping("/registry/tags")
	String save(@RequestParam String code, @RequestParam String nameZh, @RequestParam String nameEn,
			@RequestParam String appliesTo, @RequestParam(defaultValue = "100") int sortOrder,
			@RequestParam(required = false) Integer visitIntervalDays, Model model,
			HttpServletResponse response) {
		try {
			tags.save(users.current(), new TagCatalogue.TagDefinition(code.strip().toUpperCase(), nameZh, nameEn, appliesTo, sortOrder,
					visitIntervalDays));
			return "redirect:/registry/tags";
		}
		catch (InputRejected rejected) {
			model.addAttribute("problems", rejected.problems());
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return list(model);
		}
	}

}
