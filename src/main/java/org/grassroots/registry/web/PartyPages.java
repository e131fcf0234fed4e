package org.grassroots.registry.web;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.audit.AuditAction;
import org.grassroots.audit.AuditTrail;
import org.grassroots.registry.RegionTree;
import org.grassroots.shell.Ledger;
import org.grassroots.shell.Ledger.Column;
import org.grassroots.registry.internal.PartyMember;
import org.grassroots.registry.internal.PartyMemberForm;
import org.grassroots.registry.internal.PartyOrganisation;
import org.grassroots.registry.internal.PartyOrganisationForm;
import org.grassroots.registry.internal.PartyRegister;
import org.grassroots.registry.internal.RegistryQueries;
import org.grassroots.registry.internal.RegistryQueries.MemberFilter;
import org.grassroots.registry.internal.RegistryQueries.MemberRow;
import org.grassroots.registry.internal.RegistryQueries.OrganisationFilter;
import org.grassroots.registry.internal.RegistryQueries.OrganisationRow;
import org.grassroots.registry.internal.ResidentRegister;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Party organisations, party members and the households each member serves (党员联系户). */
@Controller
class PartyPages {

	private final CurrentUsers users;
	private final RegistryQueries queries;
	private final PartyRegister register;
	private final ResidentRegister residents;
	private final RegionTree tree;
	private final Labels labels;
	private final AuditTrail audit;

	PartyPages(CurrentUsers users, RegistryQueries queries, PartyRegister register, ResidentRegister residents,
			RegionTree tree, Labels labels, AuditTrail audit) {
		this.users = users;
		this.queries = queries;
		this.register = register;
		this.residents = residents;
		this.tree = tree;
		this.labels = labels;
		this.audit = audit;
	}

	@GetMapping("/registry/party/organisations")
	String organisations(@ModelAttribute("filter") OrganisationFilter filter, @RequestParam(required = false) Integer page,
			ListQuery list, Model model) {
		CurrentUser me = users.current();
		model.addAttribute("page", queries.organisations(me, filter, Pages.of(page, 50)));
		if (list.inPlace()) {
			return "registry/party-organisations :: results";
		}
		model.addAttribute("types", PartyOrganisation.Type.values());
		model.addAttribute("regions", tree.subtree(me.regionPath()));
		model.addAttribute("breadcrumb", tree.lineageWithin(me, me.regionPath()));
		return "registry/party-organisations";
	}

	@GetMapping("/registry/party/organisations/export")
	void exportOrganisations(@ModelAttribute OrganisationFilter filter, jakarta.servlet.http.HttpServletResponse response) {
		CurrentUser me = users.current();
		queries.organisations(me, filter, PageRequest.of(0, 1));
		Ledger.Rows<OrganisationRow> rows = Ledger.Rows.inPages(2_000, page -> queries.organisations(me, filter, page).getContent());
		List<Column<OrganisationRow>> columns = List.of(new Column<>(labels.msg("party.org.name"), OrganisationRow::name),
				new Column<>(labels.msg("party.org.type"), r -> labels.of("party.type.", r.type())),
				new Column<>(labels.msg("party.org.parent"), OrganisationRow::parentName),
				new Column<>(labels.msg("household.region"), OrganisationRow::regionName),
				new Column<>(labels.msg("party.org.secretary"), OrganisationRow::secretaryName),
				new Column<>(labels.msg("party.org.members"), OrganisationRow::members));
		Ledger.send(response, "party-organisations.xlsx", labels.msg("nav.partyOrgs"), null, columns, rows,
				(sent, whole) -> audit.record(AuditAction.EXPORT, "party_org", null, me.regionPath(),
						"party organisations ledger: " + sent + (whole ? "" : " (cut off)"), null, null));
	}

	@GetMapping("/registry/party/organisations/new")
	String newOrganisation(@RequestParam(required = false) Long parentId, Model model) {
		CurrentUser me = users.current();
		PartyOrganisation parent = parentId == null ? null : register.organisation(me, parentId);
		return organisationForm(model, null, new PartyOrganisationForm(null, PartyOrganisation.Type.GRID_BRANCH,
				parentId, parent == null ? me.regionCode() : tree.byId(parent.getRegionId()).orElseThrow().code(), null, null));
	}

	@GetMapping("/registry/party/organisations/{id}")
	String editOrganisation(@PathVariable long id, Model model) {
		PartyOrganisation org = register.organisation(users.current(), id);
		model.addAttribute("members", queries.members(users.current(), new MemberFilter(null, null, id, null), Pages.of(0, 200)));
		return organisationForm(model, org,
				PartyOrganisationForm.of(org, tree.byId(org.getRegionId()).orElseThrow().code()));
	}

	@PostMapping({ "/registry/party/organisations", "/registry/party/organisations/{id}" })
	String saveOrganisation(@PathVariable(required = false) Long id, @Valid @ModelAttribute("form") PartyOrganisationForm form,
			BindingResult result, Model model, HttpServletResponse response) {
		CurrentUser me = users.current();
		PartyOrganisation existing = id == null ? null : register.organisation(me, id);
		if (!result.hasErrors()) {
			try {
				PartyOrganisation saved = register.saveOrganisation(me, id, form);
				return "redirect:/registry/party/organisations/" + saved.getId();
			}
			catch (InputRejected rejected) {
				FormErrors.apply(rejected, result);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return organisationForm(model, existing, form);
	}

	private String organisationForm(Model model, PartyOrganisation org, PartyOrganisationForm form) {
		CurrentUser me = users.current();
		model.addAttribute("org", org);
		model.addAttribute("form", form);
		model.addAttribute("types", PartyOrganisation.Type.values());
		model.addAttribute("regions", tree.subtree(me.regionPath()));
		model.addAttribute("parents", queries.organisations(me, new OrganisationFilter(null, null), Pages.of(0, 200)).getContent());
		model.addAttribute("breadcrumb", tree.lineageWithin(me, org == null ? me.regionPath() : org.getRegionPath()));
		return "registry/party-organisation-form";
	}

	@GetMapping("/registry/party/members")
	String members(@ModelAttribute("filter") MemberFilter filter, @RequestParam(required = false) Integer page,
			ListQuery list, Model model) {
		CurrentUser me = users.current();
		model.addAttribute("page", queries.members(me, filter, Pages.of(page, null)));
		if (list.inPlace()) {
			return "registry/party-members :: results";
		}
		model.addAttribute("regions", tree.subtree(me.regionPath()));
		model.addAttribute("breadcrumb", tree.lineageWithin(me, me.regionPath()));
		return "registry/party-members";
	}

	@GetMapping("/registry/party/members/export")
	void exportMembers(@ModelAttribute MemberFilter filter, jakarta.servlet.http.HttpServletResponse response) {
		CurrentUser me = users.current();
		queries.members(me, filter, PageRequest.of(0, 1));
		Ledger.Rows<MemberRow> rows = Ledger.Rows.inPages(2_000, page -> queries.members(me, filter, page).getContent());
		List<Column<MemberRow>> columns = List.of(new Column<>(labels.msg("resident.name"), MemberRow::name),
				new Column<>(labels.msg("party.member.org"), MemberRow::orgName),
				new Column<>(labels.msg("household.region"), MemberRow::regionName),
				new Column<>(labels.msg("party.member.joinedOn"), r -> r.joinedOn().toString()),
				new Column<>(labels.msg("party.member.posts"), MemberRow::posts),
				new Column<>(labels.msg("party.member.mobile"), r -> r.mobile() ? labels.msg("common.yes") : labels.msg("common.no")),
				new Column<>(labels.msg("party.member.linked"), MemberRow::linked),
				new Column<>(labels.msg("party.member.target"), MemberRow::target));
		Ledger.send(response, "party-members.xlsx", labels.msg("nav.partyMembers"), null, columns, rows,
				(sent, whole) -> audit.record(AuditAction.EXPORT, "party_member", null, me.regionPath(),
						"party members ledger: " + sent + (whole ? "" : " (cut off)"), null, null));
	}

	@GetMapping("/registry/party/members/{id}")
	String member(@PathVariable long id, Model model) {
		CurrentUser me = users.current();
		PartyMember member = register.member(me, id);
		model.addAttribute("member", member);
		model.addAttribute("resident", residents.get(me, member.getResidentId()));
		model.addAttribute("org", register.organisation(me, member.getOrgId()));
		model.addAttribute("households", queries.householdsServedBy(me, member));
		model.addAttribute("candidates", queries.householdsToServe(me, member));
		model.addAttribute("form", PartyMemberForm.of(member));
		model.addAttribute("orgs", queries.organisations(me, new OrganisationFilter(null, null), Pages.of(0, 200)).getContent());
		model.addAttribute("breadcrumb", tree.lineageWithin(me, member.getRegionPath()));
		return "registry/party-member";
	}

	@GetMapping("/registry/party/members/new")
	String newMember(@RequestParam long residentId, Model model) {
		CurrentUser me = users.current();
		var resident = residents.get(me, residentId);
		model.addAttribute("resident", resident);
		model.addAttribute("form", new PartyMemberForm(residentId, null, null, null, false, PartyMember.MIN_TARGET, null));
		model.addAttribute("orgs", queries.organisations(me, new OrganisationFilter(null, null), Pages.of(0, 200)).getContent());
		model.addAttribute("breadcrumb", tree.lineageWithin(me, resident.getRegionPath()));
		return "registry/party-member-new";
	}

	@PostMapping({ "/registry/party/members", "/registry/party/members/{id}" })
	String saveMember(@PathVariable(required = false) Long id, @Valid @ModelAttribute("form") PartyMemberForm form,
			BindingResult result, Model model, HttpServletResponse response) {
		CurrentUser me = users.current();
		if (!result.hasErrors()) {
			try {
				PartyMember saved = register.saveMember(me, id, form);
				return "redirect:/registry/party/members/" + saved.getId();
			}
			catch (InputRejected rejected) {
				FormErrors.apply(rejected, result);
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("orgs", queries.organisations(me, new OrganisationFilter(null, null), Pages.of(0, 200)).getContent());
		model.addAttribute("resident", residents.get(me, form.residentId() == null ? -1 : form.residentId()));
		if (id == null) {
			return "registry/party-member-new";
		}
		PartyMember member = register.member(me, id);
		model.addAttribute("member", member);
		model.addAttribute("org", register.organisation(me, member.getOrgId()));
		model.addAttribute("households", queries.householdsServedBy(me, member));
		model.addAttribute("candidates", queries.householdsToServe(me, member));
		return "registry/party-member";
	}

	@PostMapping("/registry/party/members/{id}/households")
	String link(@PathVariable long id, @RequestParam(required = false) Long householdId, @RequestParam Integer version,
			RedirectAttributes redirect) {
		try {
			register.link(users.current(), id, householdId == null ? -1 : householdId, version);
		}
		catch (InputRejected rejected) {
			// flash attributes live in the database session: keep them to plain strings
			var problem = rejected.problems().get(0);
			redirect.addFlashAttribute("linkErrorKey", problem.messageKey());
			redirect.addFlashAttribute("linkErrorArg", problem.args().length > 0 ? String.valueOf(problem.args()[0]) : "");
		}
		return "redirect:/registry/party/members/" + id;
	}

	@PostMapping("/registry/party/members/{id}/households/{householdId}/remove")
	String unlink(@PathVariable long id, @PathVariable long householdId, @RequestParam Integer version) {
		register.unlink(users.current(), id, householdId, version);
		return "redirect:/registry/party/members/" + id;
	}

}
