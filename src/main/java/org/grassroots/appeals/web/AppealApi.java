package org.grassroots.appeals.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.AppealRating;
import org.grassroots.appeals.AppealStatus;
import org.grassroots.appeals.internal.Appeal;
import org.grassroots.appeals.internal.AppealHandling;
import org.grassroots.appeals.internal.TimelineEntry;
import org.grassroots.appeals.internal.Whistle;
import org.grassroots.appeals.AppealStep;
import org.grassroots.appeals.internal.AppealQueries;
import org.grassroots.appeals.internal.AppealQueries.AppealFilter;
import org.grassroots.appeals.internal.AppealQueries.AppealRow;
import org.grassroots.appeals.internal.IntakeForm;
import org.grassroots.appeals.internal.StepForm;
import org.grassroots.shell.Pages;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Appeals over JSON: one POST per step of the life cycle. Each step takes the {@code version} the
 * caller read; a stale one, or a step the current status does not allow, answers 409.
 */
@RestController
@RequestMapping("/api/v1/appeals")
@Tag(name = "Appeals", description = "接诉即办: intake and the life cycle of an appeal")
class AppealApi {

	private final CurrentUsers users;
	private final AppealHandling handling;
	private final AppealQueries queries;
	private final org.grassroots.appeals.internal.SimilarAppeals similar;
	private final org.grassroots.appeals.internal.AppealCategories categories;

	AppealApi(CurrentUsers users, AppealHandling handling, AppealQueries queries,
			org.grassroots.appeals.internal.SimilarAppeals similar, org.grassroots.appeals.internal.AppealCategories categories) {
		this.categories = categories;
		this.similar = similar;
		this.users = users;
		this.handling = handling;
		this.queries = queries;
	}

	record AppealView(long id, String trackingCode, AppealChannel channel, String categoryCode, String description,
			Long regionId, String villageCode, String locationText, String reporterName, String phone, AppealStatus status,
			AppealLevel level, String handlingUnit, Instant submittedAt, Instant responseDue, Instant resolutionDue,
			Instant acceptedAt, Instant resolvedAt, AppealLevel resolvedLevel, String result, String rejectionReason,
			AppealRating rating, int reopenCount, int extensionCount, boolean overdue, Integer version, String mediaUrl,
			List<Whistle.View> whistles, List<TimelineEntry> timeline,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The steps the caller may take on this appeal now (one POST each)") java.util.Set<AppealStep> allowedSteps) {
	}

	@GetMapping
	@Operation(summary = "Appeals in my scope; filters q (tracking code or text), regionCode, status, categoryCode, channel, "
			+ "level (the level holding it now), resolvedLevel (the level that resolved it), overdue, from, to (days received)")
	org.grassroots.shell.CountedPage.Model<AppealRow> list(@ModelAttribute AppealFilter filter, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size,
			@io.swagger.v3.oas.annotations.Parameter(description = "The `next` of the page before: reads this page from where that one ended "
					+ "(deep pages cost what the first does)", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))
			@RequestParam(required = false) org.grassroots.shell.Keyset after,
			@io.swagger.v3.oas.annotations.Parameter(description = "The `previous` of the page after: reads this page backwards from where that one began",
					schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))
			@RequestParam(required = false) org.grassroots.shell.Keyset before) {
		return new org.grassroots.shell.CountedPage.Model<>(queries.search(users.current(), filter, Pages.of(page, size),
				new org.grassroots.shell.Keyset.Seek(after, after == null ? before : null)));
	}

	record CategoryOption(String code, String name, AppealLevel defaultLevel, int resolutionDays) {
	}

	@GetMapping("/categories")
	@Operation(summary = "The active appeal categories, named in the caller's language (for intake forms and the grid worker's phone app)")
	List<CategoryOption> categories() {
		users.current();
		java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		return categories.active().stream()
			.map(c -> new CategoryOption(c.code(), c.label(locale), c.defaultLevel(), c.resolutionDays()))
			.toList();
	}

	@PostMapping
	@Operation(summary = "Enter an appeal (appeal point, walk-in, phone call, grid worker report)")
	ResponseEntity<AppealView> create(@Valid @RequestBody IntakeForm form) {
		CurrentUser me = users.current();
		Appeal appeal = handling.submit(me, form);
		// a new appeal has no whistles and one timeline entry: answered from what was just written, not read back
		return ResponseEntity.created(URI.create("/api/v1/appeals/" + appeal.getId()))
			.body(view(me, appeal, handling.submittedTimeline(appeal)));
	}

	@GetMapping("/inbox")
	@Operation(summary = "A department's inbox: the whistles waiting for it to report in (closest deadline first), then those it answered in the last 30 days")
	List<AppealQueries.WhistleRow> inbox() {
		return queries.whistledTo(users.current());
	}

	@GetMapping("/{id}")
	AppealView get(@PathVariable long id) {
		CurrentUser me = users.current();
		return view(me, handling.get(me, id));
	}

	@PostMapping("/{id}/accept")
	@Operation(summary = "签收: the level holding the appeal takes it on")
	AppealView accept(@PathVariable long id, @Valid @RequestBody StepForm step) {
		return view(users.current(), handling.accept(users.current(), id, step));
	}

	@PostMapping("/{id}/escalate")
	@Operation(summary = "上报: the village hands the appeal to the township (note: the reason)")
	AppealView escalate(@PathVariable long id, @Valid @RequestBody StepForm step) {
		return view(users.current(), handling.escalate(users.current(), id, step));
	}

	@PostMapping("/{id}/resolve")
	@Operation(summary = "办结 (note: the result the resident sees)")
	AppealView resolve(@PathVariable long id, @Valid @RequestBody StepForm step) {
		return view(users.current(), handling.resolve(users.current(), id, step));
	}

	@PostMapping("/{id}/rate")
	@Operation(summary = "The resident's rating from the return visit; UNSATISFIED reopens the appeal")
	AppealView rate(@PathVariable long id, @Valid @RequestBody StepForm step) {
		return view(users.current(), handling.rate(users.current(), id, step));
	}

	@PostMapping("/{id}/reopen")
	AppealView reopen(@PathVariable long id, @Valid @RequestBody StepForm step) {
		return view(users.current(), handling.reopen(users.current(), id, step));
	}

	@PostMapping("/{id}/reject")
	@Operation(summary = "Reject as invalid (note: the reason the resident sees)")
	AppealView reject(@PathVariable long id, @Valid @RequestBody StepForm step) {
		return view(users.current(), handling.reject(users.current(), id, step));
	}

	@PostMapping("/{id}/transfer")
	@Operation(summary = "转派/退回 to another unit (unit) and/or another village or grid (regionCode); note: the reason")
	AppealView transfer(@PathVariable long id, @Valid @RequestBody StepForm step) {
		return view(users.current(), handling.transfer(users.current(), id, step));
	}

	@PostMapping("/{id}/extend")
	@Operation(summary = "延期 by the township, once: days (working days added to the deadline) and note")
	AppealView extend(@PathVariable long id, @Valid @RequestBody StepForm step) {
		return view(users.current(), handling.extend(users.current(), id, step));
	}

	@PostMapping("/{id}/whistle")
	@Operation(summary = "吹哨: the township calls in county departments (departments, comma-separated) with a note")
	AppealView whistle(@PathVariable long id, @Valid @RequestBody StepForm step) {
		return view(users.current(), handling.whistle(users.current(), id, step));
	}

	@PostMapping("/{id}/report-in")
	@Operation(summary = "报到: a whistled department answers (note: its reply); department accounts only")
	AppealView reportIn(@PathVariable long id, @Valid @RequestBody StepForm step) {
		return view(users.current(), handling.reportIn(users.current(), id, step));
	}

	@PostMapping("/{id}/merge")
	@Operation(summary = "Merge into the appeal with tracking code `target` (same matter); this one closes as MERGED")
	AppealView merge(@PathVariable long id, @Valid @RequestBody StepForm step) {
		return view(users.current(), handling.merge(users.current(), id, step));
	}

	@GetMapping("/{id}/similar")
	@Operation(summary = "Open appeals of the same village in the last 30 days that read alike (score 0–1)")
	List<org.grassroots.appeals.internal.SimilarAppeals.Similar> similar(@PathVariable long id) {
		return similar.of(users.current(), handling.get(users.current(), id), 5);
	}

	@PostMapping("/{id}/refer-to-mediation")
	@Operation(summary = "Refer an open appeal to mediation: a dispute case is opened for it (source APPEAL); the appeal goes on")
	AppealView referToMediation(@PathVariable long id, @Valid @RequestBody StepForm step) {
		CurrentUser me = users.current();
		return view(me, handling.referToMediation(me, id, step));
	}

	@PostMapping("/{id}/close")
	@Operation(summary = "Close a resolved appeal without a rating (counts as unrated)")
	AppealView close(@PathVariable long id, @Valid @RequestBody StepForm step) {
		return view(users.current(), handling.close(users.current(), id, step));
	}

	private AppealView view(CurrentUser me, Appeal a) {
		return view(me, a, handling.timeline(me, a.getId()));
	}

	private AppealView view(CurrentUser me, Appeal a, List<TimelineEntry> timeline) {
		Instant now = handling.now();
		return new AppealView(a.getId(), a.getTrackingCode(), a.getChannel(), a.getCategoryCode(), a.getDescription(),
				a.getRegionId(), a.getVillageCode(), a.getLocationText(), a.getReporterName(), a.getPhoneMasked(), a.getStatus(),
				a.getLevel(), a.getHandlingUnit(), a.getSubmittedAt(), a.getResponseDue(), a.getResolutionDue(),
				a.getAcceptedAt(), a.getResolvedAt(), a.getResolvedLevel(), a.getResultText(), a.getRejectionReason(),
				a.getRating(), a.getReopenCount(), a.getExtensionCount(), a.isOverdueAt(now), a.getVersion(), a.getMediaUrl(),
				a.whistleViews(now), timeline, handling.allowedSteps(me, a));
	}

}
