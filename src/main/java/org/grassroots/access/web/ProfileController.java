package org.grassroots.access.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.access.CurrentUsers;
import org.grassroots.access.internal.AccountAdministration;
import org.grassroots.access.internal.ApiTokens;
import org.grassroots.shell.InputRejected;
import org.springframework.context.MessageSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A person's own password and API tokens. */
@Controller
class ProfileController {

	private final CurrentUsers users;
	private final AccountAdministration administration;
	private final ApiTokens tokens;
	private final MessageSource messages;
	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	ProfileController(CurrentUsers users, AccountAdministration administration, ApiTokens tokens, MessageSource messages) {
		this.users = users;
		this.administration = administration;
		this.tokens = tokens;
		this.messages = messages;
	}

	@GetMapping("/account/password")
	String passwordForm() {
		return "access/password";
	}

	@PostMapping("/account/password")
	String changePassword(@RequestParam(required = false) String current, @RequestParam(required = false) String next,
			@RequestParam(required = false) String repeat, Model model, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			var session = request.getSession(false);
			administration.changeOwnPassword(users.current(), current, next, repeat, session == null ? null : session.getId());
			Authentication auth = SecurityContextHolder.getContext().getAuthentication();
			var principal = ((org.grassroots.access.internal.AccountPrincipal) auth.getPrincipal());
			var updated = new org.grassroots.access.internal.AccountPrincipal(principal.currentUser(), null,
					principal.enabled(), principal.locked(), false);
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(updated, null, updated.getAuthorities()));
			SecurityContextHolder.setContext(context);
			contexts.saveContext(context, request, response);
			redirect.addFlashAttribute("flash", messages.getMessage("access.password.changed", null, org.springframework.context.i18n.LocaleContextHolder.getLocale()));
			return "redirect:/";
		}
		catch (InputRejected rejected) {
			model.addAttribute("problems", rejected.problems());
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return "access/password";
		}
	}

	@GetMapping("/account/tokens")
	String tokens(Model model) {
		model.addAttribute("tokens", tokens.of(users.current()));
		return "access/tokens";
	}

	@PostMapping("/account/tokens")
	String issue(@RequestParam(required = false) String name, @RequestParam(required = false) Integer validDays, Model model) {
		if (name == null || name.isBlank() || name.length() > 64) {
			model.addAttribute("nameError", true);
		}
		else {
			model.addAttribute("secret", tokens.issue(users.current(), name.strip(), validDays));
		}
		model.addAttribute("tokens", tokens.of(users.current()));
		return "access/tokens";
	}

	@PostMapping("/account/tokens/{id}/revoke")
	String revoke(@PathVariable long id) {
		tokens.revoke(users.current(), id);
		return "redirect:/account/tokens";
	}

}
