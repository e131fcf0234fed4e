package org.grassroots.audit.web;

import java.time.LocalDate;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditAction;
import org.grassroots.audit.internal.AuditEntries;
import org.grassroots.audit.internal.AuditRecord;
import org.grassroots.shell.Pages;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

/** The audit viewer (scoped) and the chain verification. */
@Controller
class AuditPages {

	private final CurrentUsers users;
	private final AuditEntries entries;
	private final JsonMapper json = JsonMapper.builder().build();

	AuditPages(CurrentUsers users, AuditEntries entries) {
		this.users = users;
		this.entries = entries;
	}

	@GetMapping("/audit")
	String list(@RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Integer page, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model) {
		CurrentUser me = users.current();
		me.require(Permission.AUDIT_READ);
		var filter = new AuditEntries.Filter(entityType, entityId, actor, action, from, to);
		model.addAttribute("filter", filter);
		model.addAttribute("actions", AuditAction.values());
		model.addAttribute("page", entries.search(me, filter, Pages.of(page, 50)));
		return htmx != null ? "audit/list :: results" : "audit/list";
	}

	@GetMapping("/audit/{id}")
	String detail(@PathVariable long id, Model model) {
		CurrentUser me = users.current();
		me.require(Permission.AUDIT_READ);
		AuditRecord entry = entries.find(me, id).orElseThrow(OutOfScopeException::new);
		model.addAttribute("entry", entry);
		model.addAttribute("changes", AuditEntries.diff(entry, json));
		return "audit/detail";
	}

	@PostMapping("/audit/verify")
	String verify(Model model) {
		users.current().require(Permission.AUDIT_READ);
		model.addAttribute("result", entries.verify());
		return "audit/list :: verification";
	}

}
