package org.grassroots.disputes.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.access.Permission;
import org.grassroots.disputes.internal.DisputeQueries;
import org.grassroots.disputes.internal.Disputes;
import org.grassroots.disputes.internal.Professionals;
import org.grassroots.disputes.internal.Screenings;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.ResidentDirectory;
import org.grassroots.shell.Pages;
import org.grassroots.shell.CountedPage;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dispute cases, their mediation and close-out, screening rounds, the professionals roster and the figures. */
@RestController
@RequestMapping("/api/v1/disputes")
@Tag(name = "Disputes", description = "矛盾纠纷排查化解: cases, sessions, outcome, follow-up, screening, figures")
class DisputeApi {

	private final CurrentUsers users;
	private final Disputes disputes;
	private final DisputeQueries queries;
	private final Screenings screenings;
	private final Professionals professionals;
	private final DisputeViews views;
	private final ResidentDirectory residents;
	private final RegionTree regions;

	DisputeApi(CurrentUsers users, Disputes disputes, DisputeQueries queries, Screenings screenings, Professionals professionals,
			DisputeViews views, ResidentDirectory residents, RegionTree regions) {
		this.residents = residents;
		this.regions = regions;
		this.users = users;
		this.disputes = disputes;
		this.queries = queries;
		this.screenings = screenings;
		this.professionals = professionals;
		this.views = views;
	}

	@GetMapping
	@Operation(summary = "Cases in my scope (and boundary cases shared with my township); filters q, regionCode, status, type, from, to, boundary")
	CountedPage.Model<DisputeQueries.Row> list(@ModelAttribute DisputeQueries.Filter filter, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return new CountedPage.Model<>(queries.search(users.current(), filter, Pages.of(page, size)));
	}

	@PostMapping
	@Operation(summary = "Register a case: type, summary, regionCode, parties (residentId from the registry, or name and phone); partnerRegionCode shares a boundary case with a neighbouring township")
	ResponseEntity<DisputeViews.CaseView> register(@Valid @RequestBody Disputes.CaseForm form) {
		var c = disputes.register(users.current(), form);
		return ResponseEntity.created(URI.create("/api/v1/disputes/" + c.getId())).body(views.of(c));
	}

	@GetMapping("/residents")
	@Operation(summary = "Residents of my scope to pick as parties, by name or household address (q); those beneath regionCode first; phones masked, never identity numbers")
	List<ResidentDirectory.ResidentMatch> residents(@RequestParam String q, @RequestParam(required = false) String regionCode) {
		CurrentUser me = users.current();
		me.require(Permission.DISPUTE_HANDLE);
		String near = regionCode == null ? null : regions.byCode(regionCode.strip()).map(RegionNode::path).orElse(null);
		return residents.search(me, q, near, ResidentDirectory.SEARCH_LIMIT);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One case with its parties (phones masked), mediators and sessions")
	DisputeViews.CaseView get(@PathVariable long id) {
		return views.of(disputes.get(users.current(), id));
	}

	@PostMapping("/{id}/mediators")
	@Operation(summary = "Name a mediator: one of the roster (professionalId: a mediation committee member, kind MEDIATOR, or one of 三官一师) or a cadre (username, who signs with their own post); send the version you read")
	DisputeViews.CaseView mediator(@PathVariable long id, @Valid @RequestBody Disputes.MediatorForm form) {
		return views.of(disputes.addMediator(users.current(), id, form));
	}

	@PostMapping("/{id}/parties")
	@Operation(summary = "Add a party: party.residentId (a resident of my scope, found with GET /api/v1/disputes/residents) or, for an outsider, party.name, phone and address; send the version you read")
	DisputeViews.CaseView party(@PathVariable long id, @Valid @RequestBody Disputes.PartyStep step) {
		return views.of(disputes.addParty(users.current(), id, step));
	}

	@PostMapping("/{id}/sessions")
	@Operation(summary = "Record a session (邻里小院, 屋场会, 边界联调 …): date, kind, place, attendees, minutes")
	DisputeViews.CaseView session(@PathVariable long id, @Valid @RequestBody Disputes.SessionForm form) {
		return views.of(disputes.holdSession(users.current(), id, form));
	}

	@PostMapping("/{id}/close")
	@Operation(summary = "Close a case: SETTLED (agreementText), NOT_SETTLED (note) or REFERRED (referredTo COURT, ARBITRATION, DEPARTMENT)")
	DisputeViews.CaseView close(@PathVariable long id, @Valid @RequestBody Disputes.OutcomeForm form) {
		return views.of(disputes.close(users.current(), id, form));
	}

	@PostMapping("/{id}/follow-up")
	@Operation(summary = "The follow-up visit of a settled case: holds true, or false to take it back into mediation")
	DisputeViews.CaseView followUp(@PathVariable long id, @Valid @RequestBody Disputes.FollowUpForm form) {
		return views.of(disputes.followUp(users.current(), id, form));
	}

	@GetMapping("/stats")
	@Operation(summary = "化解率 (settled of received) and 调解成功率 (settled of settled + not settled) for cases received in [from, to] (default: this year) at or beneath a region, by type and level, and for boundary cases")
	DisputeQueries.Figures stats(@RequestParam(required = false) String region, @RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) LocalDate to) {
		LocalDate end = to == null ? LocalDate.now(org.grassroots.calendar.WorkingCalendar.ZONE) : to;
		return queries.figures(users.current(), region, from == null || from.isAfter(end) ? end.withDayOfYear(1) : from, end);
	}

	@GetMapping("/screenings")
	@Operation(summary = "The screening round of a month (YYYY-MM, default this month) for each village at or beneath a region: FOUND, ZERO (零报告) or MISSING")
	Screenings.Round screenings(@RequestParam(required = false) String region, @RequestParam(required = false) String period) {
		return screenings.round(users.current(), region, period);
	}

	@PostMapping("/screenings")
	@Operation(summary = "Report a village's round for a month: found (0 is a zero report) and a note; reporting again needs the version")
	Screenings.VillageRound report(@Valid @RequestBody Screenings.Form form) {
		return screenings.report(users.current(), form);
	}

	@GetMapping("/professionals")
	@Operation(summary = "The roster (三官一师) serving my scope")
	List<Professionals.Professional> professionals() {
		return professionals.serving(users.current());
	}

	@PostMapping("/professionals")
	@Operation(summary = "Add a judge, prosecutor, police officer or lawyer to the roster at a node of my scope")
	ResponseEntity<Professionals.Professional> addProfessional(@Valid @RequestBody Professionals.Form form) {
		var p = professionals.add(users.current(), form);
		return ResponseEntity.created(URI.create("/api/v1/disputes/professionals/" + p.id())).body(p);
	}

}
