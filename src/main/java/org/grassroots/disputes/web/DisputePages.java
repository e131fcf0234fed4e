package org.grassroots.disputes.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditAction;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.disputes.DisputeStatus;
import org.grassroots.disputes.DisputeType;
import org.grassroots.disputes.internal.AgreementDocument;
import org.grassroots.disputes.internal.DisputeCase;
import org.grassroots.disputes.internal.DisputeQueries;
import org.grassroots.disputes.internal.MediatorChoices;
import org.grassroots.disputes.internal.Disputes;
import org.grassroots.disputes.internal.Professionals;
import org.grassroots.disputes.internal.Screenings;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.ResidentDirectory;
import org.grassroots.registry.RegionType;
import org.grassroots.shell.FormErrors;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.PageSteps;
import org.grassroots.shell.Ledger;
import org.grassroots.shell.ListQuery;
import org.grassroots.shell.Pages;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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

/** Case work on desktop and phone: the list and ledger, registering, the case page, figures, screening, roster. */
@Controller
class DisputePages {

	private final CurrentUsers users;
	private final Disputes disputes;
	private final DisputeQueries queries;
	private final Screenings screenings;
	private final Professionals professionals;
	private final DisputeViews views;
	private final AgreementDocument agreement;
	private final RegionTree regions;
	private final MessageSource messages;
	private final AuditTrail audit;
	private final ResidentDirectory residents;
	private final MediatorChoices mediatorChoices;

	DisputePages(CurrentUsers users, Disputes disputes, DisputeQueries queries, Screenings screenings, Professionals professionals,
			DisputeViews views, AgreementDocument agreement, RegionTree regions, MessageSource messages,
			AuditTrail audit, ResidentDirectory residents, MediatorChoices mediatorChoices) {
		this.residents = residents;
		this.mediatorChoices = mediatorChoices;
		this.users = users;
		this.disputes = disputes;
		this.queries = queries;
		this.screenings = screenings;
		this.professionals = professionals;
		this.views = views;
		this.agreement = agreement;
		this.regions = regions;
		this.messages = messages;
		this.audit = audit;
	}

	@GetMapping("/disputes")
	String list(@ModelAttribute("filter") DisputeQueries.Filter filter, @RequestParam(required = false) Integer page,
			ListQuery list, Model model) {
		CurrentUser me = users.current();
		model.addAttribute("page", queries.search(me, filter, Pages.of(page, 30)));
		if (list.inPlace()) {
			return "disputes/list :: results";
		}
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		model.addAttribute("figures", queries.figures(me, null, today.withDayOfYear(1), today));
		model.addAttribute("regions", regions.subtree(me.regionPath()).stream().filter(r -> r.depth() <= 3).toList());
		model.addAttribute("statuses", DisputeStatus.values());
		model.addAttribute("types", DisputeType.values());
		return "disputes/list";
	}

	@GetMapping("/disputes/export")
	void export(@ModelAttribute DisputeQueries.Filter filter, jakarta.servlet.http.HttpServletResponse response) {
		CurrentUser me = users.current();
		queries.search(me, filter, org.springframework.data.domain.PageRequest.of(0, 1));
		Ledger.Rows<DisputeQueries.Row> rows = Ledger.Rows.inPages(2_000, page -> queries.search(me, filter, page).getContent());
		Locale locale = LocaleContextHolder.getLocale();
		Function<String, String> msg = key -> messages.getMessage(key, null, key, locale);
		List<Ledger.Column<DisputeQueries.Row>> columns = List.of(
				new Ledger.Column<>(msg.apply("dispute.number"), DisputeQueries.Row::caseNumber),
				new Ledger.Column<>(msg.apply("dispute.receivedOn"), r -> r.receivedOn().toString()),
				new Ledger.Column<>(msg.apply("dashboard.region"), DisputeQueries.Row::regionName),
				new Ledger.Column<>(msg.apply("dispute.type"), r -> msg.apply(r.type().messageKey())),
				new Ledger.Column<>(msg.apply("dispute.risk"), r -> msg.apply("dispute.risk." + r.risk())),
				new Ledger.Column<>(msg.apply("dispute.summary"), DisputeQueries.Row::summary),
				new Ledger.Column<>(msg.apply("dispute.level"), r -> msg.apply("dispute.level." + r.level())),
				new Ledger.Column<>(msg.apply("dispute.boundary"), r -> r.shared() ? msg.apply("common.yes") : ""),
				new Ledger.Column<>(msg.apply("dispute.status"), r -> msg.apply(r.status().messageKey())),
				new Ledger.Column<>(msg.apply("dispute.closedOn"), r -> r.closedOn() == null ? "" : r.closedOn().toString()),
				new Ledger.Column<>(msg.apply("dispute.followUp"), r -> r.followUpHolds() == null ? ""
						: msg.apply(r.followUpHolds() ? "dispute.followUp.holds" : "dispute.followUp.broken")));
		Ledger.send(response, "disputes.xlsx", msg.apply("dispute.ledger"), null, columns, rows, (sent, whole) -> audit.record(
				AuditAction.EXPORT, "dispute", null, me.regionPath(), "dispute ledger: " + sent + " rows" + (whole ? "" : " (cut off)"), null, null));
	}

	@GetMapping("/disputes/new")
	String newCase(Model model) {
		CurrentUser me = users.current();
		me.require(Permission.DISPUTE_HANDLE);
		List<Disputes.PartyForm> parties = new ArrayList<>(List.of(blankParty(DisputeCase.Party.Role.APPLICANT),
				blankParty(DisputeCase.Party.Role.RESPONDENT), blankParty(DisputeCase.Party.Role.OTHER)));
		return form(model, new Disputes.CaseForm(DisputeCase.Source.WALK_IN, null, DisputeType.NEIGHBOUR, DisputeCase.Risk.LOW, null,
				null, me.regionCode(), null, null, LocalDate.now(WorkingCalendar.ZONE), parties), null);
	}

	private static Disputes.PartyForm blankParty(DisputeCase.Party.Role role) {
		return new Disputes.PartyForm(role, null, null, null, null);
	}

	/**
	 * Registers the case; or, when a party row's button was pressed without script (查找 a resident, pick one, 更换 to
	 * search again), shows the form again with that row changed and everything typed kept.
	 */
	@PostMapping("/disputes")
	String register(@Valid @ModelAttribute("form") Disputes.CaseForm form, BindingResult result, PartyButtons buttons, Model model,
			HttpServletResponse response) {
		Locale locale = LocaleContextHolder.getLocale();
		if (buttons.pressed()) {
			List<Disputes.PartyForm> rows = new ArrayList<>(form.parties() == null ? List.of() : form.parties());
			Disputes.CaseForm again = new Disputes.CaseForm(form.source(), form.sourceRef(), form.type(), form.risk(), form.summary(),
					form.placeText(), form.regionCode(), form.partnerRegionCode(), form.committee(), form.receivedOn(),
					buttons.apply(users.current(), residents, rows));
			model.addAttribute("form", again);
			return form(model, again, buttons.find());
		}
		if (!result.hasErrors()) {
			try {
				var c = disputes.register(users.current(), form);
				return "redirect:/disputes/" + c.getId();
			}
			catch (InputRejected rejected) {
				// a party's problem is named with its row: "第 2 位当事人：电话号码格式不正确"
				FormErrors.apply(rejected, result, "parties", "dispute.party.problem", messages, locale);
			}
		}
		else {
			FormErrors.applyRows(result, "parties", "dispute.party.problem", messages, locale);
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return form(model, form, null);
	}

	private String form(Model model, Disputes.CaseForm form, String searchedRow) {
		CurrentUser me = users.current();
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", form);
		}
		List<Disputes.PartyForm> parties = new ArrayList<>(form.parties() == null ? List.of() : form.parties());
		while (parties.size() < 3) {
			parties.add(blankParty(DisputeCase.Party.Role.OTHER));
		}
		String near = regions.byCode(form.regionCode() == null ? me.regionCode() : form.regionCode()).map(RegionNode::path).orElse(null);
		List<PartyRow> rows = new ArrayList<>();
		for (int i = 0; i < parties.size(); i++) {
			rows.add(PartyRow.of(me, residents, "parties[" + i + "].", String.valueOf(i), parties.get(i), near,
					String.valueOf(i).equals(searchedRow)));
		}
		model.addAttribute("partyRows", rows);
		model.addAttribute("places", regions.subtree(me.regionPath()).stream()
			.filter(r -> r.type() != RegionType.COUNTY && r.depth() <= 3).toList());
		model.addAttribute("townships", regions.subtree("/").stream().filter(r -> r.type() == RegionType.TOWNSHIP).toList());
		model.addAttribute("types", DisputeType.values());
		model.addAttribute("sources", DisputeCase.Source.values());
		model.addAttribute("risks", DisputeCase.Risk.values());
		model.addAttribute("roles", DisputeCase.Party.Role.values());
		return "disputes/new";
	}

	/**
	 * The registry's residents matching what was typed in a party row (htmx, as one types): scoped to the caller, those
	 * of the case's place ({@code regionCode}, else {@code near}) first.
	 */
	@GetMapping("/disputes/party-matches")
	String partyMatches(@RequestParam String key, @RequestParam String prefix, @RequestParam(required = false) String near,
			@RequestParam Map<String, String> params, Model model) {
		CurrentUser me = users.current();
		me.require(Permission.DISPUTE_HANDLE);
		String place = params.getOrDefault("regionCode", near);
		String nearPath = place == null ? null : regions.byCode(place).map(RegionNode::path).orElse(null);
		Disputes.PartyForm typed = new Disputes.PartyForm(role(params.get(prefix + "role")), null, params.get(prefix + "name"), null,
				null);
		model.addAttribute("r", PartyRow.of(me, residents, PartyRow.checked(prefix), key, typed, nearPath, true));
		model.addAttribute("roles", DisputeCase.Party.Role.values());
		return "disputes/party :: matches";
	}

	/** One party row again (htmx): linked to the resident picked, or (without one) open to search and type. */
	@GetMapping("/disputes/party-row")
	String partyRow(@RequestParam String key, @RequestParam String prefix, @RequestParam(required = false) Long residentId,
			@RequestParam(required = false) String near, @RequestParam Map<String, String> params, Model model) {
		CurrentUser me = users.current();
		me.require(Permission.DISPUTE_HANDLE);
		String nearPath = near == null ? null : regions.byCode(near).map(RegionNode::path).orElse(null);
		Disputes.PartyForm row = new Disputes.PartyForm(role(params.get(prefix + "role")), residentId, params.get(prefix + "name"), null,
				null);
		model.addAttribute("r", PartyRow.of(me, residents, PartyRow.checked(prefix), key, row, nearPath, false));
		model.addAttribute("roles", DisputeCase.Party.Role.values());
		return "disputes/party :: row";
	}

	private static DisputeCase.Party.Role role(String value) {
		try {
			return value == null || value.isBlank() ? DisputeCase.Party.Role.OTHER : DisputeCase.Party.Role.valueOf(value);
		}
		catch (IllegalArgumentException unknown) {
			return DisputeCase.Party.Role.OTHER;
		}
	}

	@GetMapping("/disputes/{id}")
	String detail(@PathVariable long id, Model model) {
		CurrentUser me = users.current();
		DisputeCase c = disputes.get(me, id);
		model.addAttribute("c", views.of(c));
		model.addAttribute("canHandle", me.can(Permission.DISPUTE_HANDLE));
		model.addAttribute("sessionKinds", DisputeCase.Session.Kind.values());
		model.addAttribute("referrals", DisputeCase.Referral.values());
		model.addAttribute("mediatorGroups", mediatorChoices.offered(me, c));
		if (!model.containsAttribute("partyRow")) {
			model.addAttribute("partyRow", PartyRow.of(me, residents, "party.", "new", blankParty(DisputeCase.Party.Role.OTHER),
					c.getRegionPath(), false));
		}
		model.addAttribute("roles", DisputeCase.Party.Role.values());
		model.addAttribute("today", LocalDate.now(WorkingCalendar.ZONE));
		return "disputes/detail";
	}

	/** The mediator picked from the grouped list: {@code roster:<id>} (a committee member or one of 三官一师) or {@code account:<username>}. */
	record MediatorPick(String mediator, Integer version) {

		Disputes.MediatorForm form() {
			String value = mediator == null ? "" : mediator.strip();
			if (value.startsWith("roster:")) {
				try {
					return new Disputes.MediatorForm(null, Long.valueOf(value.substring("roster:".length())), version);
				}
				catch (NumberFormatException garbled) {
					throw new InputRejected("mediator", "dispute.mediator.unknown");
				}
			}
			if (value.startsWith("account:")) {
				return new Disputes.MediatorForm(value.substring("account:".length()), null, version);
			}
			throw new InputRejected("mediator", "validation.required");
		}

	}

	@PostMapping("/disputes/{id}/mediators")
	String mediator(@PathVariable long id, @Valid @ModelAttribute MediatorPick pick, BindingResult result, Model model,
			HttpServletResponse response) {
		return step(id, "mediators", result, model, response, () -> disputes.addMediator(users.current(), id, pick.form()));
	}

	/**
	 * A party joins the case: a resident picked from the registry or an outsider. Without script, the row's buttons
	 * (查找, a resident, 更换) come here too and show the case page again with the row changed.
	 */
	@PostMapping("/disputes/{id}/parties")
	String party(@PathVariable long id, @Valid @ModelAttribute Disputes.PartyStep step, BindingResult result, PartyButtons buttons,
			Model model, HttpServletResponse response) {
		if (buttons.pressed()) {
			CurrentUser me = users.current();
			DisputeCase c = disputes.get(me, id);
			Disputes.PartyForm typed = step.party() == null ? blankParty(DisputeCase.Party.Role.OTHER) : step.party();
			Disputes.PartyForm row = buttons.apply(me, residents, new ArrayList<>(List.of(typed))).get(0);
			model.addAttribute("partyRow", PartyRow.of(me, residents, "party.", "new", row, c.getRegionPath(), buttons.find() != null));
			return detail(id, model);
		}
		return step(id, "parties", result, model, response, () -> disputes.addParty(users.current(), id, step));
	}

	@PostMapping("/disputes/{id}/sessions")
	String session(@PathVariable long id, @Valid @ModelAttribute Disputes.SessionForm form, BindingResult result, Model model,
			HttpServletResponse response) {
		return step(id, "sessions", result, model, response, () -> disputes.holdSession(users.current(), id, form));
	}

	@PostMapping("/disputes/{id}/close")
	String close(@PathVariable long id, @Valid @ModelAttribute Disputes.OutcomeForm form, BindingResult result, Model model,
			HttpServletResponse response) {
		return step(id, "close", result, model, response, () -> disputes.close(users.current(), id, form));
	}

	@PostMapping("/disputes/{id}/follow-up")
	String followUp(@PathVariable long id, @Valid @ModelAttribute Disputes.FollowUpForm form, BindingResult result, Model model,
			HttpServletResponse response) {
		return step(id, "follow-up", result, model, response, () -> disputes.followUp(users.current(), id, form));
	}

	/** The step forms' fields whose messages do not name them ("必填", "内容过长"), to name them on the case page. */
	private static final Map<String, String> STEP_LABELS = Map.ofEntries(Map.entry("username", "dispute.mediators"),
			Map.entry("professionalId", "dispute.mediators"), Map.entry("mediator", "dispute.mediators"),
			Map.entry("heldOn", "dispute.session.heldOn"), Map.entry("kind", "dispute.session.kind"), Map.entry("place", "dispute.place"),
			Map.entry("attendees", "dispute.session.attendees"), Map.entry("outcome", "dispute.outcome"),
			Map.entry("note", "dispute.outcome.note"), Map.entry("referredTo", "dispute.referredTo"), Map.entry("holds", "dispute.followUp"),
			Map.entry("party.name", "dispute.party.name"), Map.entry("party.phone", "dispute.party.phone"),
			Map.entry("party.address", "dispute.party.address"), Map.entry("party.residentId", "dispute.parties"));

	/**
	 * A step from the case page: done, it shows the case again (redirect); refused, the case page answers with the
	 * reason above it and the status saying why: 400 for input to correct, 409 when the case has moved on (a step
	 * its status no longer allows, or someone else changed it meanwhile).
	 */
	private String step(long id, String action, BindingResult result, Model model, HttpServletResponse response, Runnable step) {
		PageSteps.Refusal refusal = PageSteps.take(result, step, STEP_LABELS, messages, LocaleContextHolder.getLocale());
		if (refusal == null) {
			return "redirect:/disputes/" + id;
		}
		response.setStatus(refusal.status());
		model.addAttribute("stepError", refusal.message());
		model.addAttribute("stepAction", action);
		return detail(id, model);
	}

	@GetMapping("/disputes/{id}/agreement.pdf")
	ResponseEntity<byte[]> agreement(@PathVariable long id) {
		CurrentUser me = users.current();
		DisputeCase c = disputes.get(me, id);
		if (c.getStatus() != DisputeStatus.SETTLED && c.getAgreementText() == null) {
			throw new org.grassroots.access.OutOfScopeException();
		}
		byte[] pdf = agreement.render(c);
		audit.record(AuditAction.EXPORT, "dispute", c.getId(), c.getRegionPath(), "mediation agreement printed " + c.getCaseNumber(),
				null, null);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename(c.getCaseNumber() + ".pdf", java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.body(pdf);
	}

	@GetMapping("/disputes/stats")
	String stats(@RequestParam(required = false) String region, @RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) LocalDate to, Model model) {
		CurrentUser me = users.current();
		LocalDate end = to == null ? LocalDate.now(WorkingCalendar.ZONE) : to;
		LocalDate start = from == null || from.isAfter(end) ? end.withDayOfYear(1) : from;
		var figures = queries.figures(me, region, start, end);
		RegionNode node = regions.byCode(figures.regionCode()).orElseThrow();
		model.addAttribute("f", figures);
		model.addAttribute("children", regions.children(node.id()).stream()
			.filter(r -> r.type() != RegionType.GRID)
			.map(r -> queries.figures(me, r.code(), start, end)).toList());
		model.addAttribute("lineage", regions.lineageWithin(me, node.path()));
		return "disputes/stats";
	}

	@GetMapping("/disputes/screenings")
	String screenings(@RequestParam(required = false) String region, @RequestParam(required = false) String period, Model model) {
		CurrentUser me = users.current();
		var round = screenings.round(me, region, period);
		model.addAttribute("round", round);
		model.addAttribute("region", region);
		model.addAttribute("canReport", me.can(Permission.DISPUTE_HANDLE));
		return "disputes/screenings";
	}

	@PostMapping("/disputes/screenings")
	String report(@Valid @ModelAttribute Screenings.Form form, BindingResult result, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			redirect.addFlashAttribute("stepError", FormErrors.firstMessage(result, Map.of("note", "dispute.outcome.note"), messages,
					LocaleContextHolder.getLocale()));
		}
		else {
			try {
				screenings.report(users.current(), form);
			}
			catch (InputRejected rejected) {
				redirect.addFlashAttribute("stepError", FormErrors.firstMessage(rejected, messages, LocaleContextHolder.getLocale()));
			}
		}
		return "redirect:/disputes/screenings?period=" + (form.period() == null ? "" : form.period());
	}

	@GetMapping("/disputes/professionals")
	String roster(Model model) {
		CurrentUser me = users.current();
		model.addAttribute("roster", professionals.serving(me));
		model.addAttribute("kinds", Professionals.Kind.values());
		model.addAttribute("canConfigure", me.can(Permission.DISPUTE_CONFIGURE));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new Professionals.Form(null, Professionals.Kind.LAWYER, null, null, me.regionCode()));
		}
		// committees sit in villages and townships; 三官一师 serve a county, a township or a village (一村一法律顾问)
		model.addAttribute("places", regions.subtree(me.regionPath()).stream().filter(r -> r.depth() <= 2).toList());
		return "disputes/professionals";
	}

	@PostMapping("/disputes/professionals")
	String addProfessional(@Valid @ModelAttribute("form") Professionals.Form form, BindingResult result, Model model,
			HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				professionals.add(users.current(), form);
				return "redirect:/disputes/professionals";
			}
			catch (InputRejected rejected) {
				FormErrors.apply(rejected, result);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return roster(model);
	}

	@PostMapping("/disputes/professionals/{id}/retire")
	String retire(@PathVariable long id) {
		professionals.deactivate(users.current(), id);
		return "redirect:/disputes/professionals";
	}

}
