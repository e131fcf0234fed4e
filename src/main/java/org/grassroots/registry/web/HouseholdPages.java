package org.grassroots.registry.web;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.audit.AuditAction;
import org.grassroots.audit.AuditTrail;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.internal.Household;
import org.grassroots.registry.internal.HouseholdForm;
import org.grassroots.registry.internal.HouseholdRegister;
import org.grassroots.shell.Ledger;
import org.grassroots.shell.Ledger.Column;
import org.grassroots.registry.internal.RegistryQueries;
import org.grassroots.registry.internal.RegistryQueries.HouseholdFilter;
import org.grassroots.registry.internal.RegistryQueries.HouseholdRow;
import org.grassroots.registry.internal.Residents;
import org.grassroots.registry.internal.TagCatalogue;
import org.grassroots.shell.FormErrors;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.ListQuery;
import org.grassroots.shell.Pages;
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
class HouseholdPages {

	private final CurrentUsers users;
	private final RegistryQueries queries;
	private final HouseholdRegister register;
	private final Residents residents;
	private final TagCatalogue tags;
	private final RegionTree tree;
	private final Labels labels;
	private final AuditTrail audit;

	HouseholdPages(CurrentUsers users, RegistryQueries queries, HouseholdRegister register, Residents residents,
			TagCatalogue tags, RegionTree tree, Labels labels, AuditTrail audit) {
		this.users = users;
		this.queries = queries;
		this.register = register;
		this.residents = residents;
		this.tags = tags;
		this.tree = tree;
		this.labels = labels;
		this.audit = audit;
	}

	@GetMapping("/registry/households")
	String list(@ModelAttribute("filter") HouseholdFilter filter, @RequestParam(required = false) Integer page,
			ListQuery list, Model model) {
		CurrentUser me = users.current();
		model.addAttribute("page", queries.households(me, filter, Pages.of(page, null)));
		model.addAttribute("tagNames", labels.tagNames());
		// said above the results, which change in place
		model.addAttribute("listNote", queries.searchNote(me, filter.q(), filter.regionCode()));
		if (list.inPlace()) {
			return "registry/households :: results";
		}
		model.addAttribute("tags", tags.forHouseholds());
		model.addAttribute("statuses", Household.Status.values());
		model.addAttribute("regions", tree.subtree(me.regionPath()));
		model.addAttribute("breadcrumb", tree.lineageWithin(me, me.regionPath()));
		return "registry/households";
	}

	@GetMapping("/registry/households/export")
	void export(@ModelAttribute HouseholdFilter filter, jakarta.servlet.http.HttpServletResponse response) {
		CurrentUser me = users.current();
		var rows = queries.householdLedger(me, filter);
		List<Column<HouseholdRow>> columns = List.of(new Column<>(labels.msg("household.address"), HouseholdRow::address),
				new Column<>(labels.msg("household.region"), HouseholdRow::regionName),
				new Column<>(labels.msg("household.regionCode"), HouseholdRow::regionCode),
				new Column<>(labels.msg("household.head"), HouseholdRow::headName),
				new Column<>(labels.msg("household.members"), HouseholdRow::members),
				new Column<>(labels.msg("household.status"), r -> labels.of("household.status.", r.status())),
				new Column<>(labels.msg("registry.tags"), r -> labels.tags(r.tags())));
		Ledger.send(response, "households.xlsx", labels.msg("nav.households"), null, columns, rows, (sent, whole) -> audit.record(AuditAction.EXPORT,
				"household", null, me.regionPath(), "households ledger: " + sent + " rows" + (whole ? "" : " (cut off)"), null, null));
	}

	@GetMapping("/registry/households/new")
	String newForm(@RequestParam(required = false) String regionCode, Model model) {
		return form(model, null, HouseholdForm.blank(regionCode));
	}

	@PostMapping("/registry/households")
	String create(@Valid @ModelAttribute("form") HouseholdForm form, BindingResult result, Model model,
			HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				Household h = register.register(users.current(), form);
				return "redirect:/registry/households/" + h.getId();
			}
			catch (InputRejected rejected) {
				FormErrors.apply(rejected, result);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return form(model, null, form);
	}

	@GetMapping("/registry/households/{id}")
	String detail(@PathVariable long id, Model model) {
		CurrentUser me = users.current();
		Household household = register.get(me, id);
		model.addAttribute("household", household);
		model.addAttribute("region", tree.byId(household.getRegionId()).orElseThrow());
		model.addAttribute("members", residents.findMembers(household.getId()));
		model.addAttribute("servedBy", queries.membersServing(me, household.getId()));
		model.addAttribute("tagNames", labels.tagNames());
		model.addAttribute("breadcrumb", tree.lineageWithin(me, household.getRegionPath()));
		return "registry/household";
	}

	@GetMapping("/registry/households/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		Household household = register.get(users.current(), id);
		String code = tree.byId(household.getRegionId()).orElseThrow().code();
		return form(model, household, HouseholdForm.of(household, code));
	}

	@PostMapping("/registry/households/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") HouseholdForm form, BindingResult result, Model model,
			HttpServletResponse response) {
		Household household = register.get(users.current(), id);
		if (!result.hasErrors()) {
			try {
				register.update(users.current(), id, form);
				return "redirect:/registry/households/" + id;
			}
			catch (InputRejected rejected) {
				FormErrors.apply(rejected, result);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return form(model, household, form);
	}

	private String form(Model model, Household household, HouseholdForm form) {
		CurrentUser me = users.current();
		model.addAttribute("form", form);
		model.addAttribute("household", household);
		model.addAttribute("tags", tags.forHouseholds());
		model.addAttribute("statuses", Household.Status.values());
		model.addAttribute("regions", tree.subtree(me.regionPath()).stream().filter(n -> n.type().holdsHouseholds()).toList());
		model.addAttribute("breadcrumb", tree.lineageWithin(me, household == null ? me.regionPath() : household.getRegionPath()));
		return "registry/household-form";
	}

}
