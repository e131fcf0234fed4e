package org.grassroots.registry.internal;

import java.util.Map;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditTrail;
import org.grassroots.shell.InputRejected;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The party tree, its members and the households each member serves. */
@Service
public class PartyRegister {

	private final PartyOrganisations organisations;
	private final PartyMembers members;
	private final Residents residents;
	private final Households households;
	private final Regions regions;
	private final AuditTrail audit;

	PartyRegister(PartyOrganisations organisations, PartyMembers members, Residents residents, Households households,
			Regions regions, AuditTrail audit) {
		this.organisations = organisations;
		this.members = members;
		this.residents = residents;
		this.households = households;
		this.regions = regions;
		this.audit = audit;
	}

	public PartyOrganisation organisation(CurrentUser user, long id) {
		user.require(Permission.REGISTRY_READ);
		PartyOrganisation org = organisations.findById(id).orElseThrow(OutOfScopeException::new);
		user.requireInScope(org.regionPath);
		return org;
	}

	public PartyMember member(CurrentUser user, long id) {
		user.require(Permission.REGISTRY_READ);
		PartyMember member = members.findById(id).orElseThrow(OutOfScopeException::new);
		user.requireInScope(member.regionPath);
		return member;
	}

	@Transactional
	public PartyOrganisation saveOrganisation(CurrentUser user, Long id, PartyOrganisationForm form) {
		user.require(Permission.REGISTRY_WRITE);
		PartyOrganisation org = id == null ? new PartyOrganisation() : organisation(user, id);
		if (id != null) {
			HouseholdRegister.checkVersion(org.version, form.version());
		}
		Map<String, Object> before = id == null ? null : org.snapshot();
		Region region = regions.findByCode(form.regionCode().strip())
			.filter(r -> user.covers(r.path))
			.orElseThrow(() -> new InputRejected("regionCode", "registry.region.outOfScope"));
		PartyOrganisation parent = null;
		if (form.parentId() != null) {
			parent = organisations.findById(form.parentId())
				.filter(p -> user.covers(p.regionPath))
				.orElseThrow(() -> new InputRejected("parentId", "party.org.parent.unknown"));
			if (id != null && parent.path.startsWith(org.path)) {
				throw new InputRejected("parentId", "party.org.parent.cycle");
			}
		}
		if (!form.type().mayFollow(parent == null ? null : parent.type)) {
			throw new InputRejected("type", "party.org.type.misplaced");
		}
		org.name = form.name().strip();
		org.type = form.type();
		org.parentId = parent == null ? null : parent.id;
		org.regionId = region.id;
		org.regionPath = region.path;
		org.secretaryName = form.secretaryName() == null ? null : form.secretaryName().strip();
		org.path = "pending";
		organisations.save(org);
		org.path = (parent == null ? "/" : parent.path) + org.id + "/";
		organisations.save(org);
		if (before == null) {
			audit.created("party_org", org.id, org.regionPath, org.name, org.snapshot());
		}
		else {
			audit.updated("party_org", org.id, org.regionPath, org.name, before, org.snapshot());
		}
		return org;
	}

	@Transactional
	public PartyMember saveMember(CurrentUser user, Long id, PartyMemberForm form) {
		user.require(Permission.REGISTRY_WRITE);
		PartyMember member = id == null ? new PartyMember() : member(user, id);
		if (id != null) {
			HouseholdRegister.checkVersion(member.version, form.version());
		}
		Map<String, Object> before = id == null ? null : member.snapshot();
		Resident resident = residents.findById(form.residentId())
			.filter(r -> user.covers(r.regionPath))
			.orElseThrow(() -> new InputRejected("residentId", "registry.resident.unknown"));
		members.findByResidentId(resident.id)
			.filter(other -> !other.id.equals(member.id))
			.ifPresent(other -> {
				throw new InputRejected("residentId", "party.member.duplicate");
			});
		PartyOrganisation org = organisations.findById(form.orgId())
			.filter(o -> user.covers(o.regionPath))
			.orElseThrow(() -> new InputRejected("orgId", "party.org.parent.unknown"));
		if (form.targetHouseholds() < member.households.size()) {
			throw new InputRejected("targetHouseholds", "party.member.target.belowLinked", member.households.size());
		}
		member.residentId = resident.id;
		member.orgId = org.id;
		member.regionPath = org.regionPath;
		member.joinedOn = form.joinedOn();
		member.posts = form.posts() == null ? null : form.posts().strip();
		member.mobile = Boolean.TRUE.equals(form.mobile());
		member.targetHouseholds = form.targetHouseholds();
		members.save(member);
		if (before == null) {
			audit.created("party_member", member.id, member.regionPath, resident.name, member.snapshot());
		}
		else {
			audit.updated("party_member", member.id, member.regionPath, resident.name, before, member.snapshot());
		}
		return member;
	}

	/** Links a household the member will serve; at most the member's target count. */
	@Transactional
	public void link(CurrentUser user, long memberId, long householdId, Integer version) {
		user.require(Permission.REGISTRY_WRITE);
		PartyMember member = member(user, memberId);
		HouseholdRegister.checkVersion(member.version, version);
		Household household = households.findById(householdId)
			.filter(h -> user.covers(h.regionPath))
			.orElseThrow(() -> new InputRejected("householdId", "registry.household.unknown"));
		if (member.getHouseholdIds().contains(household.id)) {
			throw new InputRejected("householdId", "party.member.link.exists");
		}
		if (member.households.size() >= PartyMember.MAX_TARGET || member.households.size() >= member.targetHouseholds) {
			throw new InputRejected("householdId", "party.member.link.full", member.targetHouseholds);
		}
		Map<String, Object> before = member.snapshot();
		member.households.add(new PartyMember.ServedHousehold(household.id));
		members.save(member);
		audit.updated("party_member", member.id, member.regionPath, org.grassroots.audit.AuditTrail.summary("linkHousehold", household.address), before, member.snapshot());
	}

	@Transactional
	public void unlink(CurrentUser user, long memberId, long householdId, Integer version) {
		user.require(Permission.REGISTRY_WRITE);
		PartyMember member = member(user, memberId);
		HouseholdRegister.checkVersion(member.version, version);
		Map<String, Object> before = member.snapshot();
		if (member.households.removeIf(h -> h.householdId().equals(householdId))) {
			members.save(member);
			audit.updated("party_member", member.id, member.regionPath, org.grassroots.audit.AuditTrail.summary("unlinkHousehold", householdId), before,
					member.snapshot());
		}
	}

}
