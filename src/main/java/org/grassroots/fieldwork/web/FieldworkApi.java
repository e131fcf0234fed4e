package org.grassroots.fieldwork.web;

import java.net.URI;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.grassroots.access.CurrentUsers;
import org.grassroots.fieldwork.internal.FieldLog;
import org.grassroots.fieldwork.internal.FieldLog.Patrol;
import org.grassroots.fieldwork.internal.FieldLog.PatrolForm;
import org.grassroots.fieldwork.internal.FieldLog.Visit;
import org.grassroots.fieldwork.internal.FieldLog.VisitForm;
import org.grassroots.shell.Pages;
import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Visits and patrols from the phone. Each carries a client-generated {@code clientKey}: the first send
 * answers 201, a replay of the same key 200 with the record already stored.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Field work", description = "民情日志 and 巡逻日志, idempotent by client key")
class FieldworkApi {

	private final CurrentUsers users;
	private final FieldLog log;
	private final org.grassroots.fieldwork.internal.Coverage coverage;

	FieldworkApi(CurrentUsers users, FieldLog log, org.grassroots.fieldwork.internal.Coverage coverage) {
		this.coverage = coverage;
		this.users = users;
		this.log = log;
	}

	@PostMapping("/visits")
	@Operation(summary = "Record a visit (householdId or regionCode); followUp APPEAL with needs and appealCategory turns it into an appeal")
	ResponseEntity<Visit> visit(@RequestBody VisitForm form) {
		FieldLog.Recorded<Visit> recorded;
		try {
			recorded = log.recordVisit(users.current(), form);
		}
		catch (org.springframework.dao.DuplicateKeyException sentTwiceAtOnce) {
			// two copies of one entry raced; the other stored it, so this one answers as a replay
			recorded = log.recordVisit(users.current(), form);
		}
		return recorded.created() ? ResponseEntity.created(URI.create("/api/v1/visits/" + recorded.record().id())).body(recorded.record())
				: ResponseEntity.ok(recorded.record());
	}

	@GetMapping("/visits")
	PagedModel<Visit> visits(@RequestParam(required = false) String regionCode, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return new PagedModel<>(log.visits(users.current(), regionCode, Pages.of(page, size)));
	}

	@GetMapping("/coverage")
	@Operation(summary = "Coverage of a region (default: mine) over [from, to]: households visited of all, key-group households and how many are due, visits, patrols; and the same for each node beneath")
	org.grassroots.fieldwork.internal.Coverage.Report coverage(@RequestParam(required = false) String region,
			@RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) java.time.LocalDate from,
			@RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) java.time.LocalDate to) {
		java.time.LocalDate today = java.time.LocalDate.now(org.grassroots.calendar.WorkingCalendar.ZONE);
		java.time.LocalDate end = to == null ? today : to;
		java.time.LocalDate start = from == null ? end.withDayOfMonth(1) : from;
		return coverage.of(users.current(), region, start, end);
	}

	@PostMapping("/patrols")
	@Operation(summary = "Start a patrol of an area")
	ResponseEntity<Patrol> start(@RequestBody PatrolForm form) {
		var recorded = log.startPatrol(users.current(), form);
		return recorded.created() ? ResponseEntity.created(URI.create("/api/v1/patrols/" + recorded.record().id())).body(recorded.record())
				: ResponseEntity.ok(recorded.record());
	}

	@PostMapping("/patrols/{id}/end")
	@Operation(summary = "End my patrol with its findings")
	Patrol end(@PathVariable long id, @RequestBody Map<String, String> body) {
		return log.endPatrol(users.current(), id, body.get("findings"));
	}

}
