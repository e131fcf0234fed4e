package org.grassroots.fieldwork.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.access.AccountDirectory;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditAction;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.fieldwork.internal.Assignments;
import org.grassroots.fieldwork.internal.Assignments.Duty;
import org.grassroots.fieldwork.internal.Coverage;
import org.grassroots.fieldwork.internal.FieldLog;
import org.grassroots.fieldwork.internal.FieldLog.FollowUp;
import org.grassroots.fieldwork.internal.FieldLog.Purpose;
import org.grassroots.fieldwork.internal.FieldLog.Visit;
import org.grassroots.fieldwork.internal.FieldLog.VisitFilter;
import org.grassroots.fieldwork.internal.FiveChain;
import org.grassroots.fieldwork.internal.VisitPlan;
import org.grassroots.fieldwork.internal.VisitTargets;
import org.grassroots.registry.HouseholdDirectory;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.shell.FormErrors;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.Ledger;
import org.grassroots.shell.ListQuery;
import org.grassroots.shell.Pages;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The field-work pages for leaders and cadres: who visited whom and where the gaps are (coverage, the
 * "五有" chain, each person against their target, overdue key households), the visit ledger (走访台账)
 * and its Excel export, and the assignments (包村联户) behind the targets.
 */
@Controller
class FieldworkPages {

	private final CurrentUsers users;
	private final Coverage coverage;
	private final FiveChain chain;
	private final VisitTargets targets;
	private final VisitPlan plan;
	private final FieldLog log;
	private final Assignments assignments;
	private final RegionTree regions;
	private final HouseholdDirectory households;
	private final AccountDirectory people;
	private final MessageSource messages;
	private final AuditTrail audit;

	/** The one clock (shell): never now() here. */
	private final java.time.Clock clock;

	FieldworkPages(CurrentUsers users, Coverage coverage, FiveChain chain, VisitTargets targets, VisitPlan plan, FieldLog log,
			Assignments assignments, RegionTree regions, HouseholdDirectory households, AccountDirectory people,
			MessageSource messages, AuditTrail audit, java.time.Clock clock) {
		this.clock = clock;
		this.users = users;
		this.coverage = coverage;
		this.chain = chain;
		this.targets = targets;
		this.plan = plan;
		this.log = log;
		this.assignments = assignments;
		this.regions = regions;
		this.households = households;
		this.people = people;
		this.messages = messages;
		this.audit = audit;
	}

	/** A region (default: the user's) and the days [from, to] asked for; by default this month up to today. */
	/**
	 * A region and [from, to]; or a month as {@code period=YYYY-MM} (from and to, when given, win). Each is parsed
	 * strictly: a malformed one is refused (400 naming it), never read as "this month".
	 */
	record Period(String region, LocalDate from, LocalDate to, java.time.YearMonth period) {

		LocalDate end() {
			if (to != null) {
				return to;
			}
			return period == null ? LocalDate.now(WorkingCalendar.ZONE) : period.atEndOfMonth();
		}

		LocalDate start() {
			if (from == null && period != null) {
				return period.atDay(1);
			}
			return from == null || from.isAfter(end()) ? end().withDayOfMonth(1) : from;
		}

	}

	@GetMapping("/fieldwork")
	String overview(@ModelAttribute Period period, Model model) {
		CurrentUser me = users.current();
		var report = coverage.of(me, period.region(), period.start(), period.end());
		RegionNode node = regions.byCode(report.total().code()).orElseThrow();
		var chains = chain.of(me, node.code(), period.start(), period.end());
		var progress = targets.of(me, node.code(), period.start(), period.end());
		// the due households beneath the node shown, read once for that node alone (with the figures)
		var due = report.due();
		Map<Long, String> dueTags = plan.tagLabels(due, LocaleContextHolder.getLocale());
		model.addAttribute("coverage", report);
		model.addAttribute("chain", chains);
		model.addAttribute("chainDuties", Duty.CHAIN);
		model.addAttribute("gapGrids", chains.grids().stream().filter(g -> g.gaps() > 0).toList());
		model.addAttribute("targets", progress);
		model.addAttribute("members", progress.members().stream().limit(30).toList());
		model.addAttribute("due", due.stream().limit(30).toList());
		model.addAttribute("dueCount", due.size());
		model.addAttribute("dueTags", dueTags);
		model.addAttribute("node", node);
		model.addAttribute("lineage", regions.lineageWithin(me, node.path()));
		model.addAttribute("from", period.start());
		model.addAttribute("to", period.end());
		return "fieldwork/overview";
	}

	@GetMapping("/fieldwork/visits")
	String visits(@ModelAttribute("filter") VisitFilter filter, @RequestParam(required = false) Integer page,
			ListQuery list, Model model) {
		CurrentUser me = users.current();
		var visits = log.visits(me, filter, Pages.of(page, 50));
		model.addAttribute("page", visits);
		model.addAttribute("rows", rows(me, visits.getContent()));
		model.addAttribute("regions", regions.subtree(me.regionPath()).stream().filter(r -> r.depth() <= 4).toList());
		model.addAttribute("visitors", people.within(me.regionPath()));
		model.addAttribute("purposes", Purpose.values());
		model.addAttribute("followUps", FollowUp.values());
		return list.inPlace() ? "fieldwork/visits :: results" : "fieldwork/visits";
	}

	@GetMapping("/fieldwork/visits/export")
	void export(@ModelAttribute("filter") VisitFilter filter, jakarta.servlet.http.HttpServletResponse response) {
		CurrentUser me = users.current();
		log.visits(me, filter, org.springframework.data.domain.PageRequest.of(0, 1));
		Ledger.Rows<VisitRow> rows = Ledger.Rows.inPages(2_000, page -> rows(me, log.visits(me, filter, page).getContent()));
		Locale locale = LocaleContextHolder.getLocale();
		Function<String, String> msg = key -> messages.getMessage(key, null, key, locale);
		DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(WorkingCalendar.ZONE);
		List<Ledger.Column<VisitRow>> columns = List.of(
				new Ledger.Column<>(msg.apply("visit.at"), r -> time.format(r.visit().visitedAt())),
				new Ledger.Column<>(msg.apply("visit.visitor"), VisitRow::visitorName),
				new Ledger.Column<>(msg.apply("household.region"), VisitRow::regionName),
				new Ledger.Column<>(msg.apply("visit.where"), VisitRow::where),
				new Ledger.Column<>(msg.apply("visit.purpose"), r -> msg.apply("fieldwork.purpose." + r.visit().purpose())),
				new Ledger.Column<>(msg.apply("phone.heard"), r -> r.visit().heard()),
				new Ledger.Column<>(msg.apply("phone.needs"), r -> r.visit().needs()),
				new Ledger.Column<>(msg.apply("visit.followUp"), r -> msg.apply("fieldwork.followUp." + r.visit().followUp())),
				new Ledger.Column<>(msg.apply("visit.photoCount"), r -> r.visit().photos()),
				new Ledger.Column<>(msg.apply("visit.position"), r -> r.visit().latitude() == null ? ""
						: r.visit().latitude() + "," + r.visit().longitude()));
		Ledger.send(response, "visits.xlsx", msg.apply("visit.ledger"), null, columns, rows, (sent, whole) -> audit.record(
				AuditAction.EXPORT, "visit", null, me.regionPath(), "visit ledger: " + sent + " rows" + (whole ? "" : " (cut off)"), null, null));
	}

	/** A visit with the names a reader needs: who, where in the tree, which household. */
	record VisitRow(Visit visit, String visitorName, String regionName, String where) {
	}

	private List<VisitRow> rows(CurrentUser me, List<Visit> visits) {
		Map<Long, String> addresses = households.addresses(me,
				visits.stream().map(Visit::householdId).filter(java.util.Objects::nonNull).toList());
		Map<String, String> names = new HashMap<>();
		Map<String, String> regionNames = new HashMap<>();
		return visits.stream().map(v -> new VisitRow(v,
				names.computeIfAbsent(v.visitor(), u -> people.find(u).map(AccountDirectory.Person::displayName).orElse(u)),
				regionNames.computeIfAbsent(v.regionCode(), c -> regions.byCode(c).map(RegionNode::name).orElse(c)),
				v.householdId() != null ? addresses.getOrDefault(v.householdId(), "#" + v.householdId())
						: v.placeText() == null ? "" : v.placeText()))
			.toList();
	}

	@GetMapping("/fieldwork/assignments")
	String assignments(@RequestParam(required = false) String region, @RequestParam(required = false) Boolean ended,
			Model model) {
		CurrentUser me = users.current();
		return assignmentsPage(me, region, Boolean.TRUE.equals(ended),
				new Assignments.Form(null, Duty.VILLAGE_LINK, null, null, null, null), model);
	}

	@PostMapping("/fieldwork/assignments")
	String assign(@ModelAttribute("form") Assignments.Form form, BindingResult result, Model model,
			HttpServletResponse response) {
		CurrentUser me = users.current();
		try {
			var created = assignments.create(me, form);
			return "redirect:/fieldwork/assignments?assigned=" + created.id();
		}
		catch (InputRejected rejected) {
			FormErrors.apply(rejected, result);
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return assignmentsPage(me, null, false, form, model);
		}
	}

	@PostMapping("/fieldwork/assignments/{id}/end")
	String end(@PathVariable long id, @RequestParam(required = false) Integer version) {
		assignments.end(users.current(), id, version, null);
		return "redirect:/fieldwork/assignments";
	}

	private String assignmentsPage(CurrentUser me, String region, boolean ended, Assignments.Form form, Model model) {
		model.addAttribute("assignments", assignments.within(me, region, ended));
		model.addAttribute("ended", ended);
		model.addAttribute("region", region);
		model.addAttribute("duties", Duty.values());
		model.addAttribute("canAssign", me.can(Permission.FIELDWORK_ASSIGN));
		if (me.can(Permission.FIELDWORK_ASSIGN)) {
			model.addAttribute("places", regions.subtree(me.regionPath()).stream()
				.filter(r -> r.type() == org.grassroots.registry.RegionType.VILLAGE
						|| r.type() == org.grassroots.registry.RegionType.COMMUNITY || r.type() == org.grassroots.registry.RegionType.GRID)
				.toList());
			List<AccountDirectory.Person> candidates = new java.util.ArrayList<>(people.reaching(me.regionPath()));
			people.within(me.regionPath()).stream().filter(p -> !candidates.contains(p)).forEach(candidates::add);
			model.addAttribute("people", candidates.stream().filter(p -> p.role() != org.grassroots.access.Role.DEPARTMENT_STAFF
					&& p.role() != org.grassroots.access.Role.ADMIN).toList());
		}
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", form);
		}
		return "fieldwork/assignments";
	}

}
