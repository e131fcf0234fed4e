package org.grassroots.audit.web;

import java.time.LocalDate;
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

/** The audit viewer (scoped) and the chain verification. */
@Controller
class AuditPages {

	private final CurrentUsers users;
	private final AuditEntries entries;
	private final AuditTrail trail;
	private final MessageSource messages;
	private final AuditReading reading;

	AuditPages(CurrentUsers users, AuditEntries entries, AuditTrail trail, MessageSource messages, AuditReading reading) {
		this.users = users;
		this.entries = entries;
		this.trail = trail;
		this.messages = messages;
		this.reading = reading;
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
		model.addAttribute("canVerify", me.depth() == 0);
		var reader = reading.reader(LocaleContextHolder.getLocale());
		model.addAttribute("page", entries.search(me, filter, Pages.of(page, 50)).map(reader::read));
		return list.inPlace() ? "audit/list :: results" : "audit/list";
	}

	/** The audit ledger with the same filters, for inspectors who work in Excel. */
	@GetMapping("/audit/export")
	void export(jakarta.servlet.http.HttpServletResponse response, @RequestParam(required = false) String entityType,
			@RequestParam(required = false) String entityId, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String action,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		CurrentUser me = users.current();
		me.require(Permission.AUDIT_READ);
		var filter = new AuditEntries.Filter(entityType, entityId, actor, action, from, to);
		entries.search(me, filter, PageRequest.of(0, 1));
		Ledger.Rows<AuditRecord> rows = Ledger.Rows.inPages(2_000, page -> entries.search(me, filter, page).getContent());
		Locale locale = LocaleContextHolder.getLocale();
		var reader = reading.reader(locale);
		List<Ledger.Column<AuditRecord>> columns = List.of(new Ledger.Column<>("#", AuditRecord::id),
				new Ledger.Column<>(msg("audit.time", locale), AuditRecord::occurredAt),
				new Ledger.Column<>(msg("audit.actor", locale), e -> reader.actor(e.actor())),
				new Ledger.Column<>(msg("audit.client", locale), AuditRecord::clientAddress),
				new Ledger.Column<>(msg("audit.action", locale), e -> msg("audit.action." + e.action(), locale)),
				new Ledger.Column<>(msg("audit.entityType", locale), reader::object),
				new Ledger.Column<>(msg("audit.summary", locale), e -> reader.summary(e.summary())),
				new Ledger.Column<>(msg("audit.before", locale), AuditRecord::beforeState),
				new Ledger.Column<>(msg("audit.after", locale), AuditRecord::afterState),
				new Ledger.Column<>(msg("audit.account", locale), AuditRecord::actor),
				new Ledger.Column<>(msg("audit.hash", locale), AuditRecord::hash));
		Ledger.send(response, "audit-trail.xlsx", msg("audit.title", locale), null, columns, rows, (sent, whole) -> trail.record(
				AuditAction.EXPORT, "audit_entry", null, me.regionPath(), AuditTrail.summary("ledger", sent), null, null));
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	@GetMapping("/audit/{id}")
	String detail(@PathVariable long id, Model model) {
		CurrentUser me = users.current();
		me.require(Permission.AUDIT_READ);
		AuditRecord entry = entries.find(me, id).orElseThrow(OutOfScopeException::new);
		var read = reading.reader(LocaleContextHolder.getLocale()).read(entry);
		model.addAttribute("entry", entry);
		model.addAttribute("read", read);
		model.addAttribute("changes", read.changes());
		return "audit/detail";
	}

	@PostMapping("/audit/verify")
	String verify(Model model) {
		CurrentUser me = users.current();
		me.require(Permission.AUDIT_READ);
		if (me.depth() != 0) {
			throw new org.springframework.security.access.AccessDeniedException("the chain is verified at the county");
		}
		model.addAttribute("result", entries.verify());
		return "audit/list :: verification";
	}

}
