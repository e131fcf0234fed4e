package org.grassroots.access.web;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.access.Permission;
import org.grassroots.access.RegionDirectory;
import org.grassroots.access.Role;
import org.grassroots.access.internal.Account;
import org.grassroots.access.internal.AccountAdministration;
import org.grassroots.access.internal.AccountAdministration.AccountForm;
import org.grassroots.access.internal.RolePermissions;
import org.grassroots.shell.FormErrors;
import org.grassroots.shell.InputRejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admin pages for accounts and for the role → permission table. */
@Controller
class AccountPages {

	private final CurrentUsers users;
	private final AccountAdministration administration;
	private final RolePermissions rolePermissions;
	private final RegionDirectory regions;

	AccountPages(CurrentUsers users, AccountAdministration administration, RolePermissions rolePermissions,
			RegionDirectory regions) {
		this.users = users;
		this.administration = administration;
		this.rolePermissions = rolePermissions;
		this.regions = regions;
	}

	@GetMapping("/access/accounts")
	String list(Model model) {
		model.addAttribute("accounts", administration.within(users.current()));
		return "access/accounts";
	}

	@GetMapping("/access/accounts/new")
	String newForm(Model model) {
		CurrentUser me = users.current();
		me.require(Permission.ACCOUNT_ADMIN);
		return form(model, new AccountForm(null, null, Role.GRID_WORKER, me.regionCode(), null, null, true, null), null);
	}

	@PostMapping("/access/accounts")
	String create(@ModelAttribute("form") AccountForm form, BindingResult result, Model model, HttpServletResponse response) {
		try {
			administration.create(users.current(), form);
			return "redirect:/access/accounts";
		}
		catch (InputRejected rejected) {
			FormErrors.apply(rejected, result);
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return form(model, form, null);
		}
	}

	@GetMapping("/access/accounts/{id}")
	String editForm(@PathVariable long id, Model model) {
		Account a = administration.get(users.current(), id);
		return form(model, new AccountForm(a.getUsername(), a.getDisplayName(), a.getRole(), a.getRegionCode(),
				a.getDepartment(), null, a.isEnabled(), a.getVersion()), a);
	}

	@PostMapping("/access/accounts/{id}")
	String update(@PathVariable long id, @ModelAttribute("form") AccountForm form, BindingResult result, Model model,
			HttpServletResponse response) {
		try {
			administration.update(users.current(), id, form);
			return "redirect:/access/accounts";
		}
		catch (InputRejected rejected) {
			FormErrors.apply(rejected, result);
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return form(model, form, administration.get(users.current(), id));
		}
	}

	@PostMapping("/access/accounts/{id}/unlock")
	String unlock(@PathVariable long id) {
		administration.unlock(users.current(), id);
		return "redirect:/access/accounts/" + id;
	}

	@GetMapping("/access/roles")
	String roles(Model model) {
		users.current().require(Permission.ACCOUNT_ADMIN);
		model.addAttribute("table", rolePermissions.all());
		model.addAttribute("permissions", Permission.values());
		return "access/roles";
	}

	@PostMapping("/access/roles/{role}")
	String saveRole(@PathVariable Role role, @RequestParam(required = false) Permission[] permissions, Model model,
			HttpServletResponse response) {
		CurrentUser me = users.current();
		me.require(Permission.ACCOUNT_ADMIN);
		if (me.role() != Role.ADMIN) {
			throw new org.springframework.security.access.AccessDeniedException("Only admins edit roles");
		}
		Set<Permission> set = permissions == null ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(Arrays.asList(permissions));
		try {
			rolePermissions.replace(role, set);
		}
		catch (InputRejected rejected) {
			model.addAttribute("problems", rejected.problems());
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return roles(model);
		}
		return "redirect:/access/roles";
	}

	private String form(Model model, AccountForm form, Account account) {
		CurrentUser me = users.current();
		model.addAttribute("form", form);
		model.addAttribute("account", account);
		model.addAttribute("roles", Role.values());
		model.addAttribute("regions", regions.nodesWithin(me.regionPath(), 4));
		return "access/account-form";
	}

}
