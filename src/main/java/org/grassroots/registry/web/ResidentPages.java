package org.grassroots.registry.web;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.audit.AuditAction;
import org.grassroots.audit.AuditTrail;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.internal.HouseholdRegister;
import org.grassroots.shell.Ledger;
import org.grassroots.shell.Ledger.Column;
import org.grassroots.registry.internal.PartyMembers;
import org.grassroots.registry.internal.RegistryQueries;
import org.grassroots.registry.internal.RegistryQueries.ResidentFilter;
import org.grassroots.registry.internal.RegistryQueries.ResidentRow;
import org.grassroots.registry.internal.Resident;
import org.grassroots.registry.internal.ResidentForm;
import org.grassroots.registry.internal.ResidentRegister;
import org.grassroots.registry.internal.TagCatalogue;
import org.grassroots.shell.FormErrors;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.ListQuery;
import org.grassroots.shell.Pages;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class ResidentPages {

	private final CurrentUsers users;
	private final RegistryQueries queries;
	private final ResidentRegister register;
	private final HouseholdRegister households;
	private final PartyMembers members;
	private final TagCatalogue tags;
	private final RegionTree tree;
	private final Labels labels;
	private final AuditTrail audit;

	ResidentPages(CurrentUsers users, RegistryQueries queries, ResidentRegister register, HouseholdRegister households,
			PartyMembers members, TagCatalogue tags, RegionTree tree, Labels labels, AuditTrail audit) {
		this.users = users;
		this.queries = queries;
		this.register = register;
		this.households = households;
		this.members = members;
		this.tags = tags;
		this.tree = tree;
		this.labels = labels;
		this.audit = audit;
	}

	@GetMapping("/registry/residents")
	String list(@ModelAttribute("filter") ResidentFilter filter, @RequestParam(required = false) Integer page,
			ListQuery list, Model model) {
		CurrentUser me = users.current();
		model.addAttribute("page", queries.residents(me, filter, Pages.of(page, null)));
		model.addAttribute("tagNames", labels.tagNames());
		// said above the results, which change in place
		model.addAttribute("listNote", queries.searchNote(me, filter.q(), filter.regionCode()));
		if (list.inPlace()) {
			return "registry/residents :: results";
		}
		model.addAttribute("tags", tags.forResidents());
		model.addAttribute("regions", tree.subtree(me.regionPath()));
		model.addAttribute("genders", Resident.Gender.values());
		model.addAttribute("politicalStatuses", Resident.PoliticalStatus.values());
		model.addAttribute("statuses", Resident.Status.values());
		model.addAttribute("breadcrumb", tree.lineageWithin(me, me.regionPath()));
		return "registry/residents";
	}

	@GetMapping("/registry/residents/export")
	void export(@ModelAttribute ResidentFilter filter, jakarta.servlet.http.HttpServletResponse response) {
		CurrentUser me = users.current();
		var rows = queries.residentLedger(me, filter);
		List<Column<ResidentRow>> columns = List.of(new Column<>(labels.msg("resident.name"), ResidentRow::name),
				new Column<>(labels.msg("resident.gender"), r -> labels.of("resident.gender.", r.gender())),
				new Column<>(labels.msg("registry.resident.birthYear"), r -> String.valueOf(r.birthYear())),
				new Column<>(labels.msg("resident.age"), r -> String.valueOf(r.age())),
				new Column<>(labels.msg("resident.idNumber"), ResidentRow::idNumberMasked),
				new Column<>(labels.msg("resident.phone"), ResidentRow::phoneMasked),
				new Column<>(labels.msg("resident.relation"), r -> labels.of("resident.relation.", r.relation())),
				new Column<>(labels.msg("resident.politicalStatus"), r -> labels.of("resident.political.", r.politicalStatus())),
				new Column<>(labels.msg("resident.status"), r -> labels.of("resident.status.", r.status())),
				new Column<>(labels.msg("household.address"), ResidentRow::address),
				new Column<>(labels.msg("household.region"), ResidentRow::regionName),
				new Column<>(labels.msg("registry.tags"), r -> labels.tags(r.tags())));
		Ledger.send(response, "residents.xlsx", labels.msg("nav.residents"), null, columns, rows, (sent, whole) -> audit.record(AuditAction.EXPORT,
				"resident", null, me.regionPath(), "residents ledger: " + sent + " rows" + (whole ? "" : " (cut off)"), null, null));
	}

	@GetMapping("/registry/residents/new")
	String newForm(@RequestParam Long householdId, Model model) {
		households.get(users.current(), householdId);
		return form(model, null, ResidentForm.blank(householdId));
	}

	@PostMapping("/registry/residents")
	String create(@Valid @ModelAttribute("form") ResidentForm form, BindingResult result, Model model,
			HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				Resident r = register.register(users.current(), form);
				return "redirect:/registry/residents/" + r.getId();
			}
			catch (InputRejected rejected) {
				FormErrors.apply(rejected, result);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return form(model, null, form);
	}

	@GetMapping("/registry/residents/{id}")
	String detail(@PathVariable long id, Model model) {
		CurrentUser me = users.current();
		Resident resident = register.get(me, id);
		model.addAttribute("resident", resident);
		model.addAttribute("household", resident.getHouseholdId() == null ? null : households.get(me, resident.getHouseholdId()));
		model.addAttribute("history", register.history(me, id));
		model.addAttribute("member", members.findByResidentId(resident.getId()).orElse(null));
		model.addAttribute("tagNames", labels.tagNames());
		model.addAttribute("breadcrumb", tree.lineageWithin(me, resident.getRegionPath()));
		return "registry/resident";
	}

	/** htmx: the unmasked value in place of the masked one; audited. */
	@PostMapping("/registry/residents/{id}/reveal")
	String reveal(@PathVariable long id, @RequestParam ResidentRegister.Field field, Model model) {
		String value = register.reveal(users.current(), id, field);
		model.addAttribute("value", value == null ? "—" : value);
		return "registry/resident :: revealed";
	}

	@GetMapping("/registry/residents/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		Resident resident = register.get(users.current(), id);
		return form(model, resident, ResidentForm.of(resident));
	}

	@PostMapping("/registry/residents/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") ResidentForm form, BindingResult result, Model model,
			HttpServletResponse response) {
		Resident resident = register.get(users.current(), id);
		if (!result.hasErrors()) {
			try {
				register.update(users.current(), id, form);
				return "redirect:/registry/residents/" + id;
			}
			catch (InputRejected rejected) {
				FormErrors.apply(rejected, result);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return form(model, resident, form);
	}

	private String form(Model model, Resident resident, ResidentForm form) {
		CurrentUser me = users.current();
		var household = households.get(me, form.householdId());
		model.addAttribute("form", form);
		model.addAttribute("resident", resident);
		model.addAttribute("household", household);
		model.addAttribute("tags", tags.forResidents());
		model.addAttribute("genders", Resident.Gender.values());
		model.addAttribute("relations", Resident.Relation.values());
		model.addAttribute("politicalStatuses", Resident.PoliticalStatus.values());
		model.addAttribute("statuses", Resident.Status.values());
		model.addAttribute("breadcrumb", tree.lineageWithin(me, household.getRegionPath()));
		return "registry/resident-form";
	}

}
