package org.grassroots.appeals.web;

import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.access.CurrentUsers;
import org.grassroots.access.Permission;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.internal.AppealCategories;
import org.grassroots.appeals.internal.AppealCategories.CategoryForm;
import org.grassroots.shell.InputRejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** Admins keep the appeal categories: level, handling unit and deadlines. */
@Controller
class CategoryPages {

	private final CurrentUsers users;
	private final AppealCategories categories;

	CategoryPages(CurrentUsers users, AppealCategories categories) {
		this.users = users;
		this.categories = categories;
	}

	@GetMapping("/appeals/categories")
	String list(Model model) {
		users.current().require(Permission.ACCOUNT_ADMIN);
		model.addAttribute("categories", categories.all());
		model.addAttribute("levels", AppealLevel.values());
		return "appeals/categories";
	}

	@PostMapping("/appeals/categories")
	String save(CategoryForm form, Model model, HttpServletResponse response) {
		try {
			categories.save(users.current(), form);
			return "redirect:/appeals/categories";
		}
		catch (InputRejected rejected) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("problems", rejected.problems());
			model.addAttribute("form", form);
			return list(model);
		}
	}

}
