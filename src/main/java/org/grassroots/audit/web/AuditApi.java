package org.grassroots.audit.web;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.access.Permission;
import org.grassroots.audit.internal.AuditEntries;
import org.grassroots.audit.internal.AuditRecord;
import org.grassroots.audit.internal.ChainVerification;
import org.grassroots.shell.Pages;
import org.grassroots.shell.CountedPage;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The hash-chained audit trail (留痕)")
class AuditApi {

	private final CurrentUsers users;
	private final AuditEntries entries;

	AuditApi(CurrentUsers users, AuditEntries entries) {
		this.users = users;
		this.entries = entries;
	}

	@GetMapping
	@Operation(summary = "Audit entries in my scope, newest first")
	CountedPage.Model<AuditRecord> list(@RequestParam(required = false) String entityType,
			@RequestParam(required = false) String entityId, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String action,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		CurrentUser me = users.current();
		me.require(Permission.AUDIT_READ);
		return new CountedPage.Model<>(entries.search(me, new AuditEntries.Filter(entityType, entityId, actor, action, from, to),
				Pages.of(page, size)));
	}

	@GetMapping("/verify")
	@Operation(summary = "Recompute the whole hash chain; reports the first broken entry if any")
	ChainVerification verify() {
		var me = users.current();
		me.require(Permission.AUDIT_READ);
		// the chain is the county's: walking it says how many entries the whole county has, so only the county walks it
		if (me.depth() != 0) {
			throw new org.springframework.security.access.AccessDeniedException("the chain is verified at the county");
		}
		return entries.verify();
	}

}
