package org.grassroots.petitions.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.grassroots.access.AccountDirectory;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.access.Permission;
import org.grassroots.access.Role;
import org.grassroots.audit.AuditAction;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.petitions.internal.Petition;
import org.grassroots.petitions.internal.PetitionPhotos;
import org.grassroots.petitions.internal.PetitionQueries;
import org.grassroots.petitions.internal.Petitions;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.RegionType;
import org.grassroots.shell.FormErrors;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.PageSteps;
import org.grassroots.shell.Ledger;
import org.grassroots.shell.ListQuery;
import org.grassroots.privacy.PhotoCleaner;
import org.grassroots.shell.Pages;
import org.grassroots.shell.StepPanel;
import org.grassroots.shell.StreamedForms;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The petition ledger (信访台账) and case pages. */
@Controller
class PetitionPages {

	private final CurrentUsers users;
	private final Petitions petitions;
	private final PetitionQueries queries;
	private final PetitionViews views;
	private final RegionTree regions;
	private final AccountDirectory people;
	private final MessageSource messages;
	private final AuditTrail audit;
	private final PetitionPhotos photoStore;

	PetitionPages(CurrentUsers users, Petitions petitions, PetitionQueries queries, PetitionViews views, RegionTree regions,
			AccountDirectory people, MessageSource messages, AuditTrail audit, PetitionPhotos photoStore) {
		this.photoStore = photoStore;
		this.users = users;
		this.petitions = petitions;
		this.queries = queries;
		this.views = views;
		this.regions = regions;
		this.people = people;
		this.messages = messages;
		this.audit = audit;
	}

	@GetMapping("/petitions")
	String list(@ModelAttribute("filter") PetitionQueries.Filter filter, @RequestParam(required = false) Integer page,
			ListQuery list, Model model) {
		CurrentUser me = users.current();
		model.addAttribute("page", queries.search(me, filter, Pages.of(page, 30)));
		if (list.inPlace()) {
			return "petitions/list :: results";
		}
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		model.addAttribute("figures", queries.figures(me, null, today.withDayOfYear(1), today));
		model.addAttribute("regions", regions.subtree(me.regionPath()).stream().filter(r -> r.depth() <= 2).toList());
		model.addAttribute("statuses", Petition.Status.values());
		model.addAttribute("categories", Petition.Category.values());
		model.addAttribute("forms", Petition.Form.values());
		return "petitions/list";
	}

	@GetMapping("/petitions/export")
	void export(@ModelAttribute PetitionQueries.Filter filter, jakarta.servlet.http.HttpServletResponse response) {
		CurrentUser me = users.current();
		queries.search(me, filter, org.springframework.data.domain.PageRequest.of(0, 1));
		var rows = Ledger.Rows.inPages(2_000, page -> queries.search(me, filter, page).getContent());
		Locale locale = LocaleContextHolder.getLocale();
		Function<String, String> msg = key -> messages.getMessage(key, null, key, locale);
		List<Ledger.Column<PetitionQueries.Row>> columns = List.of(
				new Ledger.Column<>(msg.apply("petition.number"), PetitionQueries.Row::caseNumber),
				new Ledger.Column<>(msg.apply("petition.receivedOn"), r -> r.receivedOn().toString()),
				new Ledger.Column<>(msg.apply("petition.form"), r -> msg.apply("petition.form." + r.form())),
				new Ledger.Column<>(msg.apply("petition.headcount"), PetitionQueries.Row::headcount),
				new Ledger.Column<>(msg.apply("dashboard.region"), PetitionQueries.Row::regionName),
				new Ledger.Column<>(msg.apply("petition.category"), r -> msg.apply("petition.category." + r.category())),
				new Ledger.Column<>(msg.apply("petition.matter"), PetitionQueries.Row::matter),
				new Ledger.Column<>(msg.apply("petition.levelReached"), r -> msg.apply("petition.level." + r.levelReached())),
				new Ledger.Column<>(msg.apply("petition.leapfrog"), r -> r.leapfrog() ? msg.apply("common.yes") : ""),
				new Ledger.Column<>(msg.apply("petition.repeat"), r -> r.repeat() ? msg.apply("common.yes") : ""),
				new Ledger.Column<>(msg.apply("petition.owner"), r -> people.find(r.ownerUsername()).map(AccountDirectory.Person::displayName)
					.orElse(r.ownerUsername())),
				new Ledger.Column<>(msg.apply("petition.dueOn"), r -> r.dueOn().toString()),
				new Ledger.Column<>(msg.apply("petition.items"), r -> r.itemsClosed() + "/" + r.items()),
				new Ledger.Column<>(msg.apply("petition.status"), r -> msg.apply("petition.status." + r.status())),
				new Ledger.Column<>(msg.apply("petition.closedOn"), r -> r.closedOn() == null ? "" : r.closedOn().toString()));
		Ledger.send(response, "petitions.xlsx", msg.apply("petition.ledger"), null, columns, rows, (sent, whole) -> audit.record(
				AuditAction.EXPORT, "petition", null, me.regionPath(), "petition ledger: " + sent + " rows" + (whole ? "" : " (cut off)"), null, null));
	}

	@GetMapping("/petitions/new")
	String newForm(Model model) {
		CurrentUser me = users.current();
		me.require(Permission.PETITION_HANDLE);
		return form(model, new Petitions.RegisterForm(Petition.Form.VISIT, LocalDate.now(WorkingCalendar.ZONE), 1, null,
				Petition.Category.OTHER, me.regionCode(), Petition.Level.TOWNSHIP, Petition.Level.TOWNSHIP, null, null,
				List.of(), List.of()));
	}

	@PostMapping("/petitions")
	String register(@Valid @ModelAttribute("form") Petitions.RegisterForm form, BindingResult result, Model model,
			HttpServletResponse response) {
		Locale locale = LocaleContextHolder.getLocale();
		if (!result.hasErrors()) {
			try {
				var p = petitions.register(users.current(), form);
				return "redirect:/petitions/" + p.getId();
			}
			catch (InputRejected rejected) {
				FormErrors.apply(rejected, result, "petitioners", "petition.petitioner.problem", messages, locale);
			}
		}
		else {
			FormErrors.applyRows(result, "petitioners", "petition.petitioner.problem", messages, locale);
			FormErrors.applyRows(result, "items", "petition.item.problem", messages, locale);
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return form(model, form);
	}

	private String form(Model model, Petitions.RegisterForm form) {
		CurrentUser me = users.current();
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", form);
		}
		List<Petitions.PetitionerForm> rows = new ArrayList<>(form.petitioners() == null ? List.of() : form.petitioners());
		while (rows.size() < 3) {
			rows.add(new Petitions.PetitionerForm(null, null, null));
		}
		List<String> items = new ArrayList<>(form.items() == null ? List.of() : form.items());
		while (items.size() < 3) {
			items.add("");
		}
		model.addAttribute("petitionerRows", rows);
		model.addAttribute("itemRows", items);
		model.addAttribute("places", regions.subtree(me.regionPath()).stream()
			.filter(r -> r.type() != RegionType.COUNTY && r.depth() <= 2).toList());
		List<AccountDirectory.Person> owners = new ArrayList<>(people.reaching(me.regionPath()));
		people.within(me.regionPath()).stream().filter(p -> !owners.contains(p)).forEach(owners::add);
		model.addAttribute("owners", owners.stream().filter(p -> p.role() == Role.TOWNSHIP_LEADER || p.role() == Role.COUNTY_STAFF).toList());
		model.addAttribute("forms", Petition.Form.values());
		model.addAttribute("categories", Petition.Category.values());
		model.addAttribute("levels", Petition.Level.values());
		return "petitions/new";
	}

	@GetMapping("/petitions/{id}")
	String detail(@PathVariable long id, Model model) {
		CurrentUser me = users.current();
		model.addAttribute("p", views.of(me, petitions.get(me, id)));
		model.addAttribute("maxPhotos", PetitionPhotos.MAX_PHOTOS);
		model.addAttribute("photoMaxMb", PhotoCleaner.MAX_BYTES / 1024 / 1024);
		if (!model.containsAttribute("panel")) {
			model.addAttribute("panel", StepPanel.none());
		}
		return "petitions/detail";
	}

	/** A photo sent with a close-out request, to those whose scope covers the petition (404 to anyone else). */
	@GetMapping("/petitions/{id}/photos/{photoId}")
	ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
		var photo = petitions.photo(users.current(), id, photoId);
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.contentType())).cacheControl(CacheControl.noStore())
			.body(photo.bytes());
	}

	/**
	 * 待批准: the close-out requests in the approver's scope that wait for their approval (someone else's only), the longest
	 * waiting first, each with its evidence and photos and the two answers (approve, return).
	 */
	@GetMapping("/petitions/approvals")
	String approvals(Model model) {
		CurrentUser me = users.current();
		var rows = queries.awaitingApproval(me, APPROVALS_SHOWN);
		model.addAttribute("rows", rows);
		model.addAttribute("total", queries.countAwaitingApproval(me));
		Map<Long, Map<Integer, List<Long>>> photos = new java.util.HashMap<>();
		rows.forEach(r -> photos.computeIfAbsent(r.petitionId(), photoStore::byItem));
		model.addAttribute("photos", photos);
		Map<String, String> names = new java.util.HashMap<>();
		rows.forEach(r -> {
			names.computeIfAbsent(r.requestedBy(), u -> people.find(u).map(AccountDirectory.Person::displayName).orElse(u));
			names.computeIfAbsent(r.ownerUsername(), u -> people.find(u).map(AccountDirectory.Person::displayName).orElse(u));
		});
		model.addAttribute("names", names);
		model.addAttribute("breadcrumb", regions.lineageWithin(me, me.regionPath()));
		return "petitions/approvals";
	}

	/** How many requests the 待批准 page lists at once (the count says how many wait in all). */
	private static final int APPROVALS_SHOWN = 200;

	/** The item forms' fields whose messages do not name them ("内容过长"), to name them on the page. */
	private static final Map<String, String> STEP_LABELS = Map.of("note", "petition.item.note", "evidence", "petition.evidence",
			"description", "petition.item", "photos", "petition.photos");

	/**
	 * A step on an item of the ledger from the petition page (or the 待批准 list, {@code back=approvals}): done, the page
	 * shows again (redirect) with a line saying what was done; refused, the petition page answers with the reason above
	 * it and beside the field, the item's form open with what was typed, and the status saying why: 400 for input to
	 * correct, 413 for a photo over the limit, 409 when the ledger has moved on (a step the item's status no longer
	 * allows, or someone else changed it meanwhile). The photos of a request are read only here, after sign-in, the
	 * right and the scope were checked, as they stream in ({@link StreamedForms}).
	 */
	@PostMapping("/petitions/{id}/{action}")
	String step(@PathVariable long id, @PathVariable String action, @Valid @ModelAttribute("itemStep") Petitions.ItemStep step,
			BindingResult result, @RequestParam(required = false) String back, Model model, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		CurrentUser me = users.current();
		Locale locale = LocaleContextHolder.getLocale();
		PageSteps.Refusal refusal = null;
		List<byte[]> photos = List.of();
		if ("request".equals(action)) {
			me.require(Permission.PETITION_HANDLE);
			petitions.get(me, id);
			StreamedForms.Files files = StreamedForms.files(request, PetitionPhotos.LIMITS);
			if (files.refused()) {
				refusal = photosRefused(files, locale);
			}
			else {
				photos = files.contents();
			}
		}
		Petition[] taken = new Petition[1];
		if (refusal == null) {
			List<byte[]> sent = photos;
			refusal = PageSteps.take(result, () -> taken[0] = switch (action) {
				case "request" -> petitions.requestClose(me, id, step, sent);
				case "approve" -> petitions.approve(me, id, step);
				case "return" -> petitions.returnRequest(me, id, step);
				case "reopen" -> petitions.reopen(me, id, step);
				case "items" -> petitions.addItem(me, id, step);
				default -> throw new org.grassroots.access.OutOfScopeException();
			}, STEP_LABELS, messages, locale);
		}
		if (refusal == null) {
			// flash attributes live in the database session: a plain string
			redirect.addFlashAttribute("flash", done(action, step, taken[0], photos.size(), locale));
			return "approvals".equals(back) ? "redirect:/petitions/approvals" : "redirect:/petitions/" + id;
		}
		response.setStatus(refusal.status());
		model.addAttribute("stepError", refusal.message());
		Map<String, Object> typed = new java.util.HashMap<>();
		typed.put("evidence", step.evidence());
		typed.put("note", step.note());
		typed.put("description", step.description());
		model.addAttribute("panel", StepPanel.refused(step.item() == null ? action : action + ":" + step.item(), refusal, typed));
		return detail(id, model);
	}

	/** Photos refused while they streamed in: too large (413) or too many, named beside the photo field. */
	private PageSteps.Refusal photosRefused(StreamedForms.Files files, Locale locale) {
		int maxMb = PhotoCleaner.MAX_BYTES / 1024 / 1024;
		String text = switch (files.problem()) {
			case TOO_LARGE -> messages.getMessage("petition.photos.tooLarge", new Object[] {files.number(), maxMb}, locale);
			case TOO_MANY -> messages.getMessage("petition.photos.tooMany", new Object[] {PetitionPhotos.MAX_PHOTOS}, locale);
			case UNREADABLE -> messages.getMessage("petition.photos.unreadable", null, locale);
		};
		int status = files.problem() == StreamedForms.Problem.TOO_LARGE ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
				: HttpServletResponse.SC_BAD_REQUEST;
		return new PageSteps.Refusal(status, text, Map.of("photos", text));
	}

	/** The line that says what the step did to which item, in the user's language. */
	private String done(String action, Petitions.ItemStep step, Petition after, int photos, Locale locale) {
		int item = step.item() == null ? 0 : step.item();
		return switch (action) {
			case "request" -> photos == 0 ? messages.getMessage("petition.done.request", new Object[] {item}, locale)
					: messages.getMessage("petition.done.requestWithPhotos", new Object[] {item, photos}, locale);
			case "approve" -> messages.getMessage(after.getStatus() == Petition.Status.CLOSED ? "petition.done.approveClosed"
					: "petition.done.approve", new Object[] {item, after.getCaseNumber()}, locale);
			case "items" -> messages.getMessage("petition.done.items", new Object[] {after.getItems().size()}, locale);
			default -> messages.getMessage("petition.done." + action, new Object[] {item}, locale);
		};
	}

	@GetMapping("/petitions/stats")
	String stats(@RequestParam(required = false) String region, @RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) LocalDate to, Model model) {
		CurrentUser me = users.current();
		LocalDate end = to == null ? LocalDate.now(WorkingCalendar.ZONE) : to;
		LocalDate start = from == null || from.isAfter(end) ? end.withDayOfYear(1) : from;
		var f = queries.figures(me, region, start, end);
		model.addAttribute("f", f);
		var node = regions.byCode(f.regionCode()).orElseThrow();
		model.addAttribute("lineage", regions.lineageWithin(me, node.path()));
		model.addAttribute("children", regions.children(node.id()).stream().filter(r -> r.type() != RegionType.GRID)
			.map(r -> queries.figures(me, r.code(), start, end)).toList());
		return "petitions/stats";
	}

}
