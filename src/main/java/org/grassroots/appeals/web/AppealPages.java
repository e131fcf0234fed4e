package org.grassroots.appeals.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.access.Permission;
import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.AppealRating;
import org.grassroots.appeals.AppealStatus;
import org.grassroots.appeals.internal.Appeal;
import org.grassroots.appeals.internal.AppealCategories;
import org.grassroots.appeals.internal.AppealHandling;
import org.grassroots.appeals.internal.AppealQueries;
import org.grassroots.appeals.internal.AppealQueries.AppealFilter;
import org.grassroots.appeals.internal.IntakeForm;
import org.grassroots.appeals.internal.StepForm;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.RegionType;
import org.grassroots.shell.FormErrors;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.ListQuery;
import org.grassroots.shell.PageSteps;
import org.grassroots.shell.Pages;
import org.grassroots.shell.StepPanel;
import org.grassroots.shell.StreamedForms;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Appeal pages for staff: the list, intake, and the appeal with its timeline and next steps. */
@Controller
class AppealPages {

	private final CurrentUsers users;
	private final AppealHandling handling;
	private final AppealQueries queries;
	private final AppealCategories categories;
	private final RegionTree regions;
	private final org.grassroots.appeals.internal.PublicIntake intake;
	private final org.grassroots.appeals.internal.DeadlineWarnings warnings;
	private final org.springframework.context.MessageSource messages;
	private final org.grassroots.audit.AuditTrail audit;
	private final org.grassroots.appeals.internal.SimilarAppeals similar;

	private final org.grassroots.registry.CountyDepartments countyDepartments;

	private final org.grassroots.access.AccountDirectory directory;

	private final org.grassroots.appeals.internal.Open311Gateway open311;

	AppealPages(CurrentUsers users, AppealHandling handling, AppealQueries queries, AppealCategories categories,
			RegionTree regions, org.grassroots.appeals.internal.PublicIntake intake,
			org.grassroots.appeals.internal.DeadlineWarnings warnings, org.springframework.context.MessageSource messages,
			org.grassroots.audit.AuditTrail audit, org.grassroots.appeals.internal.SimilarAppeals similar,
			org.grassroots.registry.CountyDepartments countyDepartments, org.grassroots.access.AccountDirectory directory,
			org.grassroots.appeals.internal.Open311Gateway open311) {
		this.open311 = open311;
		this.directory = directory;
		this.countyDepartments = countyDepartments;
		this.similar = similar;
		this.messages = messages;
		this.audit = audit;
		this.intake = intake;
		this.warnings = warnings;
		this.users = users;
		this.handling = handling;
		this.queries = queries;
		this.categories = categories;
		this.regions = regions;
	}

	@GetMapping("/appeals")
	String list(@ModelAttribute("filter") AppealFilter filter, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) org.grassroots.shell.Keyset after, @RequestParam(required = false) org.grassroots.shell.Keyset before,
			ListQuery list, Model model) {
		CurrentUser me = users.current();
		model.addAttribute("page", queries.search(me, filter, Pages.of(page, null),
				new org.grassroots.shell.Keyset.Seek(after, after == null ? before : null)));
		model.addAttribute("categoryNames", categoryNames());
		if (list.inPlace()) {
			return "appeals/list :: results";
		}
		model.addAttribute("notices", warnings.recent(me.scopePattern(), 8));
		model.addAttribute("statuses", AppealStatus.values());
		model.addAttribute("channels", AppealChannel.values());
		model.addAttribute("levels", AppealLevel.values());
		model.addAttribute("categories", categories.active());
		model.addAttribute("regions", regions.subtree(me.regionPath()).stream()
			.filter(n -> n.type() != RegionType.SECTION && n.type() != RegionType.GROUP && n.type() != RegionType.BLOCK).toList());
		model.addAttribute("breadcrumb", regions.lineageWithin(me, me.regionPath()));
		return "appeals/list";
	}

	/** A department's inbox: the whistles waiting for it to report in. */
	@GetMapping("/appeals/inbox")
	String inbox(Model model) {
		CurrentUser me = users.current();
		if (!org.springframework.util.StringUtils.hasText(me.department())) {
			throw new org.grassroots.access.OutOfScopeException();
		}
		var rows = queries.whistledTo(me);
		model.addAttribute("pending", rows.stream().filter(r -> r.reportedAt() == null).toList());
		model.addAttribute("reported", rows.stream().filter(r -> r.reportedAt() != null).toList());
		model.addAttribute("breadcrumb", regions.lineageWithin(me, me.regionPath()));
		return "appeals/inbox";
	}

	/**
	 * The appeals ledger (台账) with the list's filters, as a township files it: titled with the area and the period, the
	 * whole text, the place with its village, the handling unit, when and at which level it was resolved, the result and
	 * the rating; times as real dates.
	 */
	/** Rows an export reads at a time. */
	private static final int EXPORT_CHUNK = 2_000;

	@GetMapping("/appeals/export")
	void export(@ModelAttribute AppealFilter filter, jakarta.servlet.http.HttpServletResponse response) {
		CurrentUser me = users.current();
		// the filter and the scope are checked before the first byte is sent
		queries.ledger(me, filter, null, 1);
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, String> names = categoryNames();
		java.util.function.Function<String, String> msg = key -> messages.getMessage(key, null, key, locale);
		java.util.function.Function<Object, String> named = v -> v == null ? "" : msg.apply(v.toString());
		java.util.List<org.grassroots.shell.Ledger.Column<AppealQueries.LedgerRow>> columns = java.util.List.of(
				new org.grassroots.shell.Ledger.Column<>(msg.apply("appeal.code"), AppealQueries.LedgerRow::trackingCode),
				new org.grassroots.shell.Ledger.Column<>(msg.apply("appeal.channel"), r -> msg.apply("appeal.channel." + r.channel())),
				new org.grassroots.shell.Ledger.Column<>(msg.apply("appeal.category"), r -> names.getOrDefault(r.categoryCode(), r.categoryCode())),
				new org.grassroots.shell.Ledger.Column<>(msg.apply("appeal.description"), AppealQueries.LedgerRow::description),
				new org.grassroots.shell.Ledger.Column<>(msg.apply("appeal.region"), AppealQueries.LedgerRow::place),
				new org.grassroots.shell.Ledger.Column<>(msg.apply("appeal.status"), r -> msg.apply("appeal.status." + r.status())),
				new org.grassroots.shell.Ledger.Column<>(msg.apply("appeal.level"), r -> msg.apply("appeal.level." + r.level())),
				new org.grassroots.shell.Ledger.Column<>(msg.apply("appeal.submittedAt"), AppealQueries.LedgerRow::submittedAt),
				new org.grassroots.shell.Ledger.Column<>(msg.apply("appeal.due"), AppealQueries.LedgerRow::resolutionDue),
				new org.grassroots.shell.Ledger.Column<>(msg.apply("appeal.overdue"), r -> r.overdue() ? msg.apply("common.yes") : ""),
				new org.grassroots.shell.Ledger.Column<>(msg.apply("appeal.unit"), r -> r.handlingUnit() == null
						? msg.apply("appeal.level." + r.level()) : r.handlingUnit()),
				new org.grassroots.shell.Ledger.Column<>(msg.apply("appeal.resolvedAt"), AppealQueries.LedgerRow::resolvedAt),
				new org.grassroots.shell.Ledger.Column<>(msg.apply("appeal.resolvedLevel"),
						r -> r.resolvedLevel() == null ? "" : msg.apply("appeal.level." + r.resolvedLevel())),
				new org.grassroots.shell.Ledger.Column<>(msg.apply("appeal.result"), r -> r.result() == null ? "" : r.result()),
				new org.grassroots.shell.Ledger.Column<>(msg.apply("appeal.rating"),
						r -> r.rating() == null ? "" : named.apply("appeal.rating." + r.rating())));
		String area = org.springframework.util.StringUtils.hasText(filter.regionCode())
				? regions.byCode(filter.regionCode().strip()).map(org.grassroots.registry.RegionNode::name).orElse("")
				: regions.byCode(me.regionCode()).map(org.grassroots.registry.RegionNode::name).orElse("");
		String period = filter.from() == null && filter.to() == null ? ""
				: " " + (filter.from() == null ? "" : filter.from()) + " — " + (filter.to() == null ? "" : filter.to());
		String title = messages.getMessage("appeal.ledger.title", new Object[] {area, period}, locale);
		org.grassroots.shell.Ledger.send(response,
				"appeals" + (filter.from() == null ? "" : "-" + filter.from()) + (filter.to() == null ? "" : "-" + filter.to()) + ".xlsx",
				msg.apply("nav.appeals"), title, columns,
				org.grassroots.shell.Ledger.Rows.inChunks(EXPORT_CHUNK, after -> queries.ledger(me, filter, after, EXPORT_CHUNK)),
				(sent, whole) -> audit.record(org.grassroots.audit.AuditAction.EXPORT, "appeal", null, me.regionPath(),
						"appeals ledger: " + sent + " rows" + (whole ? "" : " (cut off)"), null, null));
	}

	@GetMapping("/appeals/new")
	String newForm(Model model) {
		CurrentUser me = users.current();
		me.require(Permission.APPEAL_INTAKE);
		AppealChannel channel = me.role() == org.grassroots.access.Role.GRID_WORKER ? AppealChannel.GRID : AppealChannel.APPEAL_POINT;
		return form(model, IntakeForm.blank(channel, me.regionCode()));
	}

	@PostMapping("/appeals")
	String create(@Valid @ModelAttribute("form") IntakeForm form, BindingResult result, Model model,
			HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				Appeal appeal = handling.submit(users.current(), form);
				return "redirect:/appeals/" + appeal.getId();
			}
			catch (InputRejected rejected) {
				FormErrors.apply(rejected, result);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return form(model, form);
	}

	@GetMapping("/appeals/{id}")
	String detail(@PathVariable long id, Model model) {
		CurrentUser me = users.current();
		Appeal appeal = handling.get(me, id);
		model.addAttribute("appeal", appeal);
		model.addAttribute("region", regions.byId(appeal.getRegionId()).orElse(null));
		var timeline = handling.timeline(me, id);
		model.addAttribute("timeline", timeline);
		// people by name and role, not by username ("高庙村党总支书记 张伟", not "gaomiao.cadre")
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, String> people = new java.util.HashMap<>();
		people.put("public", messages.getMessage("appeal.actor.public", null, locale));
		people.put("system", messages.getMessage("appeal.actor.system", null, locale));
		timeline.stream().map(org.grassroots.appeals.internal.TimelineEntry::actor).filter(a -> a != null && !people.containsKey(a))
			.distinct().forEach(a -> people.put(a, a.startsWith("open311:") ? messages.getMessage("appeal.actor.open311", null, locale)
					: directory.find(a).map(org.grassroots.access.AccountDirectory.Person::displayName).orElse(a)));
		model.addAttribute("people", people);
		model.addAttribute("photos", intake.photosOf(id));
		model.addAttribute("resultPhotos", handling.resultPhotos(me, id));
		java.time.Instant now = handling.now();
		model.addAttribute("whistles", appeal.whistleViews(now));
		model.addAttribute("overdue", appeal.isOverdueAt(now));
		model.addAttribute("similar", appeal.getStatus().isOpen() ? similar.of(me, appeal, 5) : java.util.List.of());
		// only the steps this person may take now get a button (the same policy the steps are checked by)
		java.util.Set<String> can = handling.allowedSteps(me, appeal).stream().map(Enum::name)
			.collect(Collectors.toCollection(java.util.TreeSet::new));
		model.addAttribute("can", can);
		model.addAttribute("canAct", can.stream().anyMatch(step -> !step.equals("REPORT_IN")));
		model.addAttribute("departments", can.contains("WHISTLE") ? countyDepartments.namesFor(appeal.getRegionPath()) : java.util.List.of());
		model.addAttribute("limits", org.grassroots.appeals.AppealLimits.asMap());
		model.addAttribute("places", regions.subtree(me.regionPath()).stream()
			.filter(n -> n.type() == RegionType.VILLAGE || n.type() == RegionType.COMMUNITY || n.type() == RegionType.GRID).toList());
		model.addAttribute("categoryNames", categoryNames());
		model.addAttribute("ratings", AppealRating.values());
		model.addAttribute("breadcrumb", regions.lineageWithin(me, appeal.getRegionPath()));
		if (!model.containsAttribute("panel")) {
			model.addAttribute("panel", StepPanel.none());
		}
		model.addAttribute("photoMaxMb", org.grassroots.appeals.AppealLimits.PHOTO_MAX_BYTES / 1024 / 1024);
		// an Open311 request: whether the public list shows it (the county decides)
		model.addAttribute("open311Listing", open311.listing(me, id).orElse(null));
		return "appeals/detail";
	}

	/**
	 * The county lists an Open311 request publicly, or takes it off the list (redacted there, never with the staff's
	 * notes): audited, refused with 409 on a page gone stale like any step.
	 */
	@PostMapping("/appeals/{id}/open311-public")
	String listOnOpen311(@PathVariable long id, @RequestParam int version, @RequestParam boolean listed, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		CurrentUser me = users.current();
		Locale locale = LocaleContextHolder.getLocale();
		try {
			open311.list(me, id, version, listed);
		}
		catch (org.springframework.dao.OptimisticLockingFailureException stale) {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			model.addAttribute("stepError", messages.getMessage("error.conflict", null, locale));
			return detail(id, model);
		}
		redirect.addFlashAttribute("flash", messages.getMessage(listed ? "open311.public.done.listed" : "open311.public.done.unlisted",
				null, locale));
		return "redirect:/appeals/" + id;
	}

	/**
	 * The step forms' fields whose messages do not name them ("内容过长"), to name them above the page; the note is named
	 * as each form labels it.
	 */
	private static Map<String, String> stepLabels(String action) {
		String note = switch (action) {
			case "resolve" -> "appeal.result";
			case "report-in" -> "appeal.reply";
			case "reject" -> "appeal.reject.reason";
			case "mediate", "close" -> "appeal.mediate.note";
			default -> "appeal.reason";
		};
		return Map.of("note", note, "unit", "appeal.transfer.unit", "regionCode", "appeal.transfer.region", "days",
				"appeal.extend.daysLabel", "departments", "appeal.whistle.departments", "target", "appeal.merge.target", "rating",
				"appeal.rating");
	}

	/**
	 * A step from the appeal page. Taken, the page shows again (redirect) with a line saying what was done ("已签收",
	 * "已转派至 …"); refused, the page answers with the reason above it and beside the field, the step's form open with
	 * what was typed, and the status saying why: 400 for input to correct, 413 for a photo of the result over the limit,
	 * 409 when the appeal has moved on. A step the person may not take at all stays a 403 (their right, scope or level).
	 */
	@PostMapping("/appeals/{id}/{action}")
	String step(@PathVariable long id, @PathVariable String action, @Valid @ModelAttribute("stepForm") StepForm step,
			BindingResult invalid, Model model, jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		CurrentUser me = users.current();
		Locale locale = LocaleContextHolder.getLocale();
		PageSteps.Refusal refusal = null;
		List<byte[]> photos = List.of();
		if ("resolve".equals(action)) {
			// the photos of the result are read only now, within the reader's scope, each checked as it streams in
			handling.get(me, id);
			StreamedForms.Files files = StreamedForms.files(request, RESULT_PHOTOS);
			if (files.refused()) {
				refusal = photosRefused(files, locale);
			}
			else {
				photos = files.contents();
			}
		}
		Appeal[] taken = new Appeal[1];
		List<byte[]> sent = photos;
		if (refusal == null) {
			refusal = PageSteps.take(invalid, () -> taken[0] = switch (action) {
				case "accept" -> handling.accept(me, id, step);
				case "escalate" -> handling.escalate(me, id, step);
				case "resolve" -> handling.resolve(me, id, step, sent);
				case "rate" -> handling.rate(me, id, step);
				case "reopen" -> handling.reopen(me, id, step);
				case "reject" -> handling.reject(me, id, step);
				case "close" -> handling.close(me, id, step);
				case "transfer" -> handling.transfer(me, id, step);
				case "extend" -> handling.extend(me, id, step);
				case "whistle" -> handling.whistle(me, id, step);
				case "report-in" -> handling.reportIn(me, id, step);
				case "merge" -> handling.merge(me, id, step);
				case "mediate" -> handling.referToMediation(me, id, step);
				default -> throw new org.grassroots.access.OutOfScopeException();
			}, stepLabels(action), messages, locale);
		}
		if (refusal == null) {
			// flash attributes live in the database session: a plain string
			redirect.addFlashAttribute("flash", "resolve".equals(action) && !photos.isEmpty()
					? messages.getMessage("appeal.done.resolveWithPhotos", new Object[] {photos.size()}, locale)
					: done(action, taken[0], step, locale));
			return "redirect:/appeals/" + id;
		}
		response.setStatus(refusal.status());
		model.addAttribute("stepError", refusal.message());
		Map<String, Object> typed = new java.util.HashMap<>();
		typed.put("note", step.note());
		typed.put("unit", step.unit());
		typed.put("regionCode", step.regionCode());
		typed.put("days", step.days());
		typed.put("departments", step.departments());
		typed.put("target", step.target());
		typed.put("rating", step.rating());
		invalid.getFieldErrors().forEach(e -> typed.put(e.getField(), e.getRejectedValue()));
		model.addAttribute("panel", StepPanel.refused(action, refusal, typed));
		return detail(id, model);
	}

	/** How the photos of a result are read: as many and as large as the resident's (checked while they stream in). */
	static final StreamedForms.Limits RESULT_PHOTOS = new StreamedForms.Limits("photos", org.grassroots.appeals.AppealLimits.PHOTOS_MAX,
			org.grassroots.appeals.AppealLimits.PHOTO_MAX_BYTES);

	/** Photos refused while they streamed in: too large (413) or too many, named beside the photo field. */
	private PageSteps.Refusal photosRefused(StreamedForms.Files files, Locale locale) {
		int maxMb = org.grassroots.appeals.AppealLimits.PHOTO_MAX_BYTES / 1024 / 1024;
		String text = switch (files.problem()) {
			case TOO_LARGE -> messages.getMessage("appeal.resultPhotos.tooLarge", new Object[] {files.number(), maxMb}, locale);
			case TOO_MANY -> messages.getMessage("appeal.photos.tooMany", new Object[] {org.grassroots.appeals.AppealLimits.PHOTOS_MAX}, locale);
			case UNREADABLE -> messages.getMessage("appeal.resultPhotos.unreadable", null, locale);
		};
		return new PageSteps.Refusal(files.problem() == StreamedForms.Problem.TOO_LARGE ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
				: HttpServletResponse.SC_BAD_REQUEST, text, Map.of("photos", text));
	}

	/** A photo of the result, to those whose scope covers the appeal (404 to anyone else). */
	@GetMapping("/appeals/{id}/result-photos/{photoId}")
	org.springframework.http.ResponseEntity<byte[]> resultPhoto(@PathVariable long id, @PathVariable long photoId) {
		var photo = handling.resultPhoto(users.current(), id, photoId);
		return org.springframework.http.ResponseEntity.ok()
			.contentType(org.springframework.http.MediaType.parseMediaType(photo.contentType()))
			.cacheControl(org.springframework.http.CacheControl.noStore()).body(photo.bytes());
	}

	/** The line that says what the step did, in the user's language. */
	private String done(String action, Appeal appeal, StepForm step, Locale locale) {
		Object[] args = switch (action) {
			case "transfer" -> new Object[] {regions.byId(appeal.getRegionId()).map(org.grassroots.registry.RegionNode::name).orElse("")
					+ (appeal.getHandlingUnit() == null ? "" : " · " + appeal.getHandlingUnit())};
			case "extend" -> new Object[] {step.days(),
					java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(org.grassroots.calendar.WorkingCalendar.ZONE)
						.format(appeal.getResolutionDue())};
			case "whistle" -> new Object[] {String.join("、", java.util.Arrays.stream(step.departments().split("[,，、;；\\n]"))
				.map(String::strip).filter(d -> !d.isEmpty()).distinct().toList())};
			case "merge" -> new Object[] {step.target() == null ? "" : step.target().strip().toUpperCase(Locale.ROOT)};
			case "rate" -> new Object[] {step.rating() == null ? "" : messages.getMessage("appeal.rating." + step.rating(), null, locale)};
			default -> new Object[0];
		};
		return messages.getMessage("appeal.done." + action, args, locale);
	}

	private String form(Model model, IntakeForm form) {
		CurrentUser me = users.current();
		model.addAttribute("form", form);
		model.addAttribute("categories", categories.active());
		model.addAttribute("limits", org.grassroots.appeals.AppealLimits.asMap());
		model.addAttribute("channels", java.util.List.of(AppealChannel.APPEAL_POINT, AppealChannel.WALK_IN,
				AppealChannel.PHONE, AppealChannel.GRID));
		model.addAttribute("regions", regions.subtree(me.regionPath()).stream()
			.filter(n -> n.depth() >= AppealLevel.VILLAGE.depth()).toList());
		model.addAttribute("breadcrumb", regions.lineageWithin(me, me.regionPath()));
		return "appeals/new";
	}

	private Map<String, String> categoryNames() {
		Locale locale = LocaleContextHolder.getLocale();
		return categories.active().stream().collect(Collectors.toMap(AppealCategories.Category::code, c -> c.label(locale)));
	}

}
