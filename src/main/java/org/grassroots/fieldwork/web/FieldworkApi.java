package org.grassroots.fieldwork.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.grassroots.access.CurrentUsers;
import org.grassroots.fieldwork.internal.Assignments;
import org.grassroots.fieldwork.internal.Assignments.Assignment;
import org.grassroots.fieldwork.internal.Coverage;
import org.grassroots.fieldwork.internal.FieldLog;
import org.grassroots.fieldwork.internal.FieldLog.VisitFilter;
import org.grassroots.fieldwork.internal.FiveChain;
import org.grassroots.fieldwork.internal.VisitTargets;
import org.grassroots.fieldwork.internal.FieldLog.Patrol;
import org.grassroots.fieldwork.internal.FieldLog.PatrolForm;
import org.grassroots.fieldwork.internal.FieldLog.Visit;
import org.grassroots.fieldwork.internal.FieldLog.VisitForm;
import org.grassroots.shell.Pages;
import org.grassroots.shell.CountedPage;
import org.springframework.web.bind.annotation.ModelAttribute;
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
	private final Coverage coverage;
	private final Assignments assignments;
	private final VisitTargets targets;
	private final FiveChain chain;

	FieldworkApi(CurrentUsers users, FieldLog log, Coverage coverage, Assignments assignments, VisitTargets targets,
			FiveChain chain) {
		this.coverage = coverage;
		this.users = users;
		this.log = log;
		this.assignments = assignments;
		this.targets = targets;
		this.chain = chain;
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
	@Operation(summary = "Visits in my scope, newest first; filter by regionCode, visitor, from/to (dates), purpose, followUp")
	CountedPage.Model<Visit> visits(@ModelAttribute VisitFilter filter, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return new CountedPage.Model<>(log.visits(users.current(), filter, Pages.of(page, size)));
	}

	@GetMapping("/visits/{id}")
	@Operation(summary = "One visit of my scope")
	Visit visit(@PathVariable long id) {
		return log.visit(users.current(), id).orElseThrow(org.grassroots.access.OutOfScopeException::new);
	}

	@GetMapping("/visits/{id}/photos/{n}")
	@Operation(summary = "The n-th photo (from 0) of a visit of my scope, as stored: re-encoded, without EXIF or GPS")
	ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable int n) {
		var photo = log.photo(users.current(), id, n).orElseThrow(org.grassroots.access.OutOfScopeException::new);
		return ResponseEntity.ok()
			.contentType(org.springframework.http.MediaType.parseMediaType(photo.contentType()))
			.cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate())
			.body(photo.bytes());
	}

	@GetMapping("/coverage")
	@Operation(summary = "Coverage of a region (default: mine) over [from, to] (default: this month): households visited of all, key-group households and how many are due, visits, patrols; and the same for each node beneath")
	Coverage.Report coverage(@ModelAttribute FieldworkPages.Period period) {
		return coverage.of(users.current(), period.region(), period.start(), period.end());
	}

	@GetMapping("/coverage/targets")
	@Operation(summary = "Each assigned person's visits (patrols for the PATROL duty) against their monthly target over [from, to], spread by days; standing MET, ON_TRACK, BEHIND or NO_TARGET; and each party member's linked households (党员联系户) visited")
	VisitTargets.Report targets(@ModelAttribute FieldworkPages.Period period) {
		return targets.of(users.current(), period.region(), period.start(), period.end());
	}

	@GetMapping("/coverage/chain")
	@Operation(summary = "The \"五有\" chain of every grid beneath a region over [from, to]: each duty ACTIVE, IDLE (held but nothing done) or MISSING (nobody holds it)")
	FiveChain.Report chain(@ModelAttribute FieldworkPages.Period period) {
		return chain.of(users.current(), period.region(), period.start(), period.end());
	}

	@GetMapping("/assignments")
	@Operation(summary = "Assignments (包村联户 and the grid duties) at or beneath a region; ended ones too with includeEnded")
	List<Assignment> assignments(@RequestParam(required = false) String region,
			@RequestParam(required = false, defaultValue = "false") boolean includeEnded) {
		return assignments.within(users.current(), region, includeEnded);
	}

	@PostMapping("/assignments")
	@Operation(summary = "Assign a person to a village (VILLAGE_LINK) or a grid (PATROL, REPORT, RESPONSIBLE, RESOLVE, SUPERVISE) with a monthly visit target")
	ResponseEntity<Assignment> assign(@RequestBody Assignments.Form form) {
		Assignment created = assignments.create(users.current(), form);
		return ResponseEntity.created(URI.create("/api/v1/assignments/" + created.id())).body(created);
	}

	@PostMapping("/assignments/{id}/end")
	@Operation(summary = "End an assignment on a day (default today); send the version you read, a stale one is 409")
	Assignment endAssignment(@PathVariable long id, @RequestBody EndForm form) {
		return assignments.end(users.current(), id, form.version(), form.on());
	}

	record EndForm(Integer version, LocalDate on) {
	}

	@PostMapping("/patrols")
	@Operation(summary = "Start a patrol of an area")
	ResponseEntity<Patrol> start(@RequestBody PatrolForm form) {
		var recorded = log.startPatrol(users.current(), form);
		return recorded.created() ? ResponseEntity.created(URI.create("/api/v1/patrols/" + recorded.record().id())).body(recorded.record())
				: ResponseEntity.ok(recorded.record());
	}

	@PostMapping("/patrols/by-key/{clientKey}/end")
	@Operation(summary = "End my patrol named by the client key it was started with (for a phone that started it offline)")
	Patrol endByKey(@PathVariable String clientKey, @RequestBody Map<String, String> body) {
		return log.endPatrolByKey(users.current(), clientKey, body.get("findings"));
	}

	@PostMapping("/patrols/{id}/end")
	@Operation(summary = "End my patrol with its findings")
	Patrol end(@PathVariable long id, @RequestBody Map<String, String> body) {
		return log.endPatrol(users.current(), id, body.get("findings"));
	}

}
