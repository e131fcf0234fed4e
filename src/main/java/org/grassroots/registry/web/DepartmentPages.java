package org.grassroots.registry.web;

import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.access.CurrentUsers;
import org.grassroots.access.Permission;
import org.grassroots.registry.CountyDepartments;
import org.grassroots.shell.InputRejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admins keep their county's departments, the only ones a township can whistle. */
@Controller
class DepartmentPages {

	private final CurrentUsers users;
	private final CountyDepartments departments;

	DepartmentPages(CurrentUsers users, CountyDepartments departments) {
		this.users = users;
		this.departments = departments;
	}

	@GetMapping("/registry/departments")
	String list(Model model) {
		var me = users.current();
		me.require(Permission.REGISTRY_CONFIGURE);
		model.addAttribute("departments", departments.all(me));
		return "registry/departments";
	}

	@PostMapping("/registry/departments")
	String add(@RequestParam(required = false) String name, Model model, HttpServletResponse response) {
		try {
			departments.add(users.current(), name);
			return "redirect:/registry/departments";
		}
		catch (InputRejected rejected) {
			model.addAttribute("problems", rejected.problems());
			model.addAttribute("name", name);
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return list(model);
		}
	}

	@PostMapping("/registry/departments/{id}/switch-off")
	String switchOff(@PathVariable long id) {
		departments.switchOff(users.current(), id);
		return "redirect:/registry/departments";
	}

}
