package org.grassroots.audit.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditAction;
import org.grassroots.audit.AuditTrail;
import org.grassroots.audit.internal.AuditEntries;
import org.grassroots.audit.internal.AuditRecord;
import org.grassroots.shell.Ledger;
import org.grassroots.shell.ListQuery;
import org.grassroots.shell.Pages;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

/** The audit viewer (scoped) and the chain verification. */
@Controller
class AuditPages {

	private final CurrentUsers users;
	private final AuditEntries entries;
	private final AuditTrail trail;
	private final MessageSource messages;
	private final JsonMapper json = JsonMapper.builder().build();

	AuditPages(CurrentUsers users, AuditEntries entries, AuditTrail trail, MessageSource messages) {
		this.users = users;
		this.entries = entries;
		this.trail = trail;
		this.messages = messages;
	}

	@GetMapping("/audit")
	String list(@RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Integer page, ListQuery list,
			Model model) {
		CurrentUser me = users.current();
		me.require(Permission.AUDIT_READ);
		var filter = new AuditEntries.Filter(entityType, entityId, actor, action, from, to);
		model.addAttribute("filter", filter);
		model.addAttribute("actions", AuditAction.values());
		model.addAttribute("page", entries.search(me, filter, Pages.of(page, 50)));
		return list.inPlace() ? "audit/list :: results" : "audit/list";
	}

	/** The audit ledger with the same filters, for inspectors who work in Excel. */
	@GetMapping("/audit/export")
	ResponseEntity<byte[]> export(@RequestParam(required = false) String entityType,
			@RequestParam(required = false) String entityId, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String action,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		CurrentUser me = users.current();
		me.require(Permission.AUDIT_READ);
		var rows = entries.search(me, new AuditEntries.Filter(entityType, entityId, actor, action, from, to),
				PageRequest.of(0, 100_000)).getContent();
		Locale locale = LocaleContextHolder.getLocale();
		DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));
		List<Ledger.Column<AuditRecord>> columns = List.of(new Ledger.Column<>("#", AuditRecord::id),
				new Ledger.Column<>(msg("audit.time", locale), e -> time.format(e.occurredAt())),
				new Ledger.Column<>(msg("audit.actor", locale), AuditRecord::actor),
				new Ledger.Column<>(msg("audit.client", locale), AuditRecord::clientAddress),
				new Ledger.Column<>(msg("audit.action", locale), e -> msg("audit.action." + e.action(), locale)),
				new Ledger.Column<>(msg("audit.entityType", locale), AuditRecord::entityType),
				new Ledger.Column<>(msg("audit.entityId", locale), AuditRecord::entityId),
				new Ledger.Column<>(msg("audit.summary", locale), AuditRecord::summary),
				new Ledger.Column<>(msg("audit.before", locale), AuditRecord::beforeState),
				new Ledger.Column<>(msg("audit.after", locale), AuditRecord::afterState),
				new Ledger.Column<>(msg("audit.hash", locale), AuditRecord::hash));
		trail.record(AuditAction.EXPORT, "audit_entry", null, me.regionPath(), "audit ledger: " + rows.size() + " rows", null, null);
		return Ledger.download(Ledger.write(msg("audit.title", locale), columns, rows), "audit-trail.xlsx");
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
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
