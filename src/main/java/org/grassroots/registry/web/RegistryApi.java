package org.grassroots.registry.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.internal.Household;
import org.grassroots.registry.internal.HouseholdForm;
import org.grassroots.registry.internal.HouseholdRegister;
import org.grassroots.registry.internal.PartyMember;
import org.grassroots.registry.internal.PartyMemberForm;
import org.grassroots.registry.internal.PartyOrganisation;
import org.grassroots.registry.internal.PartyOrganisationForm;
import org.grassroots.registry.internal.PartyRegister;
import org.grassroots.registry.internal.Region;
import org.grassroots.registry.internal.RegionEditing;
import org.grassroots.registry.internal.RegistryQueries;
import org.grassroots.registry.internal.RegistryQueries.HouseholdFilter;
import org.grassroots.registry.internal.RegistryQueries.HouseholdRow;
import org.grassroots.registry.internal.RegistryQueries.MemberFilter;
import org.grassroots.registry.internal.RegistryQueries.MemberRow;
import org.grassroots.registry.internal.RegistryQueries.OrganisationFilter;
import org.grassroots.registry.internal.RegistryQueries.OrganisationRow;
import org.grassroots.registry.internal.RegistryQueries.ResidentFilter;
import org.grassroots.registry.internal.RegistryQueries.ResidentRow;
import org.grassroots.registry.internal.Resident;
import org.grassroots.registry.internal.ResidentForm;
import org.grassroots.registry.internal.ResidentRegister;
import org.grassroots.shell.Pages;
import org.grassroots.shell.CountedPage;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registry's REST API. Every call is limited to the caller's region subtree: a record outside
 * it answers 404, a write without the permission 403, a stale version 409.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Registry", description = "Regions, households, residents, party organisations and members (网格信息库)")
class RegistryApi {

	private final CurrentUsers users;
	private final RegionTree tree;
	private final RegionEditing regions;
	private final RegistryQueries queries;
	private final HouseholdRegister households;
	private final ResidentRegister residents;
	private final PartyRegister party;

	RegistryApi(CurrentUsers users, RegionTree tree, RegionEditing regions, RegistryQueries queries,
			HouseholdRegister households, ResidentRegister residents, PartyRegister party) {
		this.users = users;
		this.tree = tree;
		this.regions = regions;
		this.queries = queries;
		this.households = households;
		this.residents = residents;
		this.party = party;
	}

	record RegionView(String code, String name, String type, String parentCode, Double centreLat, Double centreLon,
			String boundary, List<Map<String, Object>> duties, List<Map<String, Object>> children, Integer version) {
	}

	record HouseholdView(long id, String regionCode, String address, Household.Status status, Long headResidentId,
			Double latitude, Double longitude, Set<String> tags, List<Long> memberIds, Integer version) {
	}

	/** A resident: ID and phone masked, and the birth year and age instead of the birth date. */
	record ResidentView(long id, Long householdId, String name, Resident.Gender gender, Integer birthYear, Integer age,
			String idNumber, String phone, Resident.Relation relation, String ethnicity,
			Resident.PoliticalStatus politicalStatus, Resident.Status status, Set<String> tags, Integer version) {
	}

	record OrganisationView(long id, String name, PartyOrganisation.Type type, Long parentId, String regionCode,
			String secretaryName, Integer version) {
	}

	record MemberView(long id, long residentId, long orgId, LocalDate joinedOn, String posts, boolean mobile,
			int targetHouseholds, Set<Long> householdIds, Integer version) {
	}

	// ---- regions

	@GetMapping("/regions")
	@Operation(summary = "The region tree in my scope, nested: code, name, type and children")
	Map<String, Object> regions() {
		CurrentUser me = users.current();
		me.require(org.grassroots.access.Permission.REGISTRY_READ);
		return tree.nested(me.regionPath());
	}

	@GetMapping("/regions/{code}")
	@Operation(summary = "One region node with its assigned people (phones masked) and direct children")
	RegionView region(@PathVariable String code) {
		Region r = regions.get(users.current(), code);
		String parentCode = r.getParentId() == null ? null : tree.byId(r.getParentId()).map(n -> n.code()).orElse(null);
		List<Map<String, Object>> duties = r.getDuties().stream()
			.map(d -> Map.<String, Object>of("duty", d.duty().name(), "personName", d.personName(), "phone",
					d.phoneMasked() == null ? "" : d.phoneMasked()))
			.toList();
		List<Map<String, Object>> children = tree.children(r.getId()).stream()
			.map(n -> Map.<String, Object>of("code", n.code(), "name", n.name(), "type", n.type().name()))
			.toList();
		return new RegionView(r.getCode(), r.getName(), r.getType().name(), parentCode, r.getCentreLat(), r.getCentreLon(),
				r.getBoundary(), duties, children, r.getVersion());
	}

	// ---- households

	@GetMapping("/households")
	@Operation(summary = "Households in my scope; filters q (any part of the address, or the head's name: any part of it within a village or grid, its beginning beyond), regionCode, tag, status")
	CountedPage.Model<HouseholdRow> households(@ModelAttribute HouseholdFilter filter, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return new CountedPage.Model<>(queries.households(users.current(), filter, Pages.of(page, size)));
	}

	@GetMapping("/households/{id}")
	HouseholdView household(@PathVariable long id) {
		return view(households.get(users.current(), id));
	}

	@PostMapping("/households")
	@Operation(summary = "Register a household on a grid (or 片/组/邻) in my scope")
	ResponseEntity<HouseholdView> createHousehold(@Valid @RequestBody HouseholdForm form) {
		Household h = households.register(users.current(), form);
		return ResponseEntity.created(URI.create("/api/v1/households/" + h.getId())).body(view(h));
	}

	@PutMapping("/households/{id}")
	@Operation(summary = "Edit a household; send the version you read, a stale one answers 409")
	HouseholdView updateHousehold(@PathVariable long id, @Valid @RequestBody HouseholdForm form) {
		return view(households.update(users.current(), id, form));
	}

	private HouseholdView view(Household h) {
		return new HouseholdView(h.getId(), tree.byId(h.getRegionId()).orElseThrow().code(), h.getAddress(), h.getStatus(),
				h.getHeadResidentId(), h.getLatitude(), h.getLongitude(), h.getTagCodes(),
				queries.memberIdsOf(h.getId()), h.getVersion());
	}

	// ---- residents

	@GetMapping("/residents")
	@Operation(summary = "Residents in my scope, household by household (birth year and age, masked numbers); q is a name (any part of it within a village or grid, its beginning beyond: regionCode narrows the scope) or a whole ID or phone number (needs the reveal right, audited, 30 an hour)")
	CountedPage.Model<ResidentRow> residents(@ModelAttribute ResidentFilter filter, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return new CountedPage.Model<>(queries.residents(users.current(), filter, Pages.of(page, size)));
	}

	@GetMapping("/residents/{id}")
	@Operation(summary = "One resident; ID (first 4 and last 2) and phone numbers masked; birth year and age, never the birth date")
	ResidentView resident(@PathVariable long id) {
		return view(residents.get(users.current(), id));
	}

	@PostMapping("/residents/{id}/reveal")
	@Operation(summary = "The unmasked ID_NUMBER or PHONE (needs PERSONAL_DATA_REVEAL; audited)")
	Map<String, String> reveal(@PathVariable long id, @RequestParam ResidentRegister.Field field) {
		return Map.of("field", field.name(), "value", String.valueOf(residents.reveal(users.current(), id, field)));
	}

	@PostMapping("/residents")
	@Operation(summary = "Register a resident. An ID number already registered is named (by household) only within my scope; "
			+ "elsewhere it gets a neutral refusal. Each such answer is audited; after 5 an hour or 20 a day: 429 with Retry-After")
	ResponseEntity<ResidentView> createResident(@Valid @RequestBody ResidentForm form) {
		Resident r = residents.register(users.current(), form);
		return ResponseEntity.created(URI.create("/api/v1/residents/" + r.getId())).body(view(r));
	}

	@PutMapping("/residents/{id}")
	ResidentView updateResident(@PathVariable long id, @Valid @RequestBody ResidentForm form) {
		return view(residents.update(users.current(), id, form));
	}

	private static ResidentView view(Resident r) {
		return new ResidentView(r.getId(), r.getHouseholdId(), r.getName(), r.getGender(), r.getBirthYear(), r.getAge(),
				r.getIdNumberMasked(), r.getPhoneMasked(), r.getRelation(), r.getEthnicity(), r.getPoliticalStatus(),
				r.getStatus(), r.getTagCodes(), r.getVersion());
	}

	// ---- party organisations

	@GetMapping("/party-organisations")
	CountedPage.Model<OrganisationRow> organisations(@ModelAttribute OrganisationFilter filter,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return new CountedPage.Model<>(queries.organisations(users.current(), filter, Pages.of(page, size)));
	}

	@GetMapping("/party-organisations/{id}")
	OrganisationView organisation(@PathVariable long id) {
		return view(party.organisation(users.current(), id));
	}

	@PostMapping("/party-organisations")
	ResponseEntity<OrganisationView> createOrganisation(@Valid @RequestBody PartyOrganisationForm form) {
		PartyOrganisation o = party.saveOrganisation(users.current(), null, form);
		return ResponseEntity.created(URI.create("/api/v1/party-organisations/" + o.getId())).body(view(o));
	}

	@PutMapping("/party-organisations/{id}")
	OrganisationView updateOrganisation(@PathVariable long id, @Valid @RequestBody PartyOrganisationForm form) {
		return view(party.saveOrganisation(users.current(), id, form));
	}

	private OrganisationView view(PartyOrganisation o) {
		return new OrganisationView(o.getId(), o.getName(), o.getType(), o.getParentId(),
				tree.byId(o.getRegionId()).orElseThrow().code(), o.getSecretaryName(), o.getVersion());
	}

	// ---- party members

	@GetMapping("/party-members")
	CountedPage.Model<MemberRow> members(@ModelAttribute MemberFilter filter, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return new CountedPage.Model<>(queries.members(users.current(), filter, Pages.of(page, size)));
	}

	@GetMapping("/party-members/{id}")
	MemberView member(@PathVariable long id) {
		return view(party.member(users.current(), id));
	}

	@PostMapping("/party-members")
	ResponseEntity<MemberView> createMember(@Valid @RequestBody PartyMemberForm form) {
		PartyMember m = party.saveMember(users.current(), null, form);
		return ResponseEntity.created(URI.create("/api/v1/party-members/" + m.getId())).body(view(m));
	}

	@PutMapping("/party-members/{id}")
	MemberView updateMember(@PathVariable long id, @Valid @RequestBody PartyMemberForm form) {
		return view(party.saveMember(users.current(), id, form));
	}

	@PostMapping("/party-members/{id}/households/{householdId}")
	@Operation(summary = "Link a household the member serves (党员联系户)")
	MemberView link(@PathVariable long id, @PathVariable long householdId, @RequestParam Integer version) {
		party.link(users.current(), id, householdId, version);
		return member(id);
	}

	@DeleteMapping("/party-members/{id}/households/{householdId}")
	MemberView unlink(@PathVariable long id, @PathVariable long householdId, @RequestParam Integer version) {
		party.unlink(users.current(), id, householdId, version);
		return member(id);
	}

	private static MemberView view(PartyMember m) {
		return new MemberView(m.getId(), m.getResidentId(), m.getOrgId(), m.getJoinedOn(), m.getPosts(), m.isMobile(),
				m.getTargetHouseholds(), m.getHouseholdIds(), m.getVersion());
	}

}
