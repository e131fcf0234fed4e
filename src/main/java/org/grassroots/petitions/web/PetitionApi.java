package org.grassroots.petitions.web;

import java.net.URI;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.petitions.internal.PetitionQueries;
import org.grassroots.petitions.internal.Petitions;
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

/** Petitions: registration, the close-out ledger, and the figures. */
@RestController
@RequestMapping("/api/v1/petitions")
@Tag(name = "Petitions", description = "信访: batches and headcount, 越级访, repeats, 领导包案 and 销号")
class PetitionApi {

	private final CurrentUsers users;
	private final Petitions petitions;
	private final PetitionQueries queries;
	private final PetitionViews views;

	PetitionApi(CurrentUsers users, Petitions petitions, PetitionQueries queries, PetitionViews views) {
		this.users = users;
		this.petitions = petitions;
		this.queries = queries;
		this.views = views;
	}

	@GetMapping
	@Operation(summary = "Petitions in my scope; filters q, regionCode, status, category, form (LETTER, VISIT, ONLINE, PHONE), "
			+ "leapfrog, overdue, owner, from, to")
	CountedPage.Model<PetitionQueries.Row> list(@ModelAttribute PetitionQueries.Filter filter, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return new CountedPage.Model<>(queries.search(users.current(), filter, Pages.of(page, size)));
	}

	@PostMapping
	@Operation(summary = "Register a petition batch: form, headcount, matter, regionCode, levelReached (越级访 when it skips the level above the jurisdiction), ownerUsername (包案领导), petitioners, items of the ledger")
	ResponseEntity<PetitionViews.PetitionView> register(@Valid @RequestBody Petitions.RegisterForm form) {
		CurrentUser me = users.current();
		var p = petitions.register(me, form);
		return ResponseEntity.created(URI.create("/api/v1/petitions/" + p.getId())).body(views.of(me, p));
	}

	@GetMapping("/{id}")
	PetitionViews.PetitionView get(@PathVariable long id) {
		CurrentUser me = users.current();
		return views.of(me, petitions.get(me, id));
	}

	@PostMapping("/{id}/items")
	@Operation(summary = "Add an item to the ledger (a closed case opens again)")
	PetitionViews.PetitionView addItem(@PathVariable long id, @Valid @RequestBody Petitions.ItemStep step) {
		CurrentUser me = users.current();
		return views.of(me, petitions.addItem(me, id, step));
	}

	@PostMapping("/{id}/items/request")
	@Operation(summary = "Request the close-out (销号) of item n (from 1) with evidence")
	PetitionViews.PetitionView request(@PathVariable long id, @Valid @RequestBody Petitions.ItemStep step) {
		CurrentUser me = users.current();
		return views.of(me, petitions.requestClose(me, id, step));
	}

	@PostMapping("/{id}/items/approve")
	@Operation(summary = "Approve the requested close-out of item n; not by the requester; the case closes with its last item")
	PetitionViews.PetitionView approve(@PathVariable long id, @Valid @RequestBody Petitions.ItemStep step) {
		CurrentUser me = users.current();
		return views.of(me, petitions.approve(me, id, step));
	}

	@PostMapping("/{id}/items/return")
	@Operation(summary = "Send a requested close-out back with a note")
	PetitionViews.PetitionView returnRequest(@PathVariable long id, @Valid @RequestBody Petitions.ItemStep step) {
		CurrentUser me = users.current();
		return views.of(me, petitions.returnRequest(me, id, step));
	}

	@PostMapping("/{id}/items/reopen")
	@Operation(summary = "Reopen a closed item because the matter returned (the case opens again)")
	PetitionViews.PetitionView reopen(@PathVariable long id, @Valid @RequestBody Petitions.ItemStep step) {
		CurrentUser me = users.current();
		return views.of(me, petitions.reopen(me, id, step));
	}

	@GetMapping("/stats")
	@Operation(summary = "批次/人次 received in [from, to] (default: this year) at or beneath a region, 越级访 and its change on the same period a year before, repeats, closed on time, open past deadline, by category and level; "
			+ "byForm: each form's 批次/人次 now and the same period a year before, with batchesChangePercent and headcountChangePercent "
			+ "((this − last) ÷ last × 100, two decimals; null when last year had none)")
	PetitionQueries.Figures stats(@RequestParam(required = false) String region, @RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) LocalDate to) {
		LocalDate end = to == null ? LocalDate.now(WorkingCalendar.ZONE) : to;
		return queries.figures(users.current(), region, from == null || from.isAfter(end) ? end.withDayOfYear(1) : from, end);
	}

}
