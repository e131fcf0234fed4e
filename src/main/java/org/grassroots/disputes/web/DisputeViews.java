package org.grassroots.disputes.web;

import java.time.LocalDate;
import java.util.List;

import org.grassroots.disputes.DisputeStatus;
import org.grassroots.disputes.DisputeType;
import org.grassroots.disputes.internal.DisputeCase;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.springframework.stereotype.Component;

/** A case as pages and the API show it: place names resolved, phones masked, nothing encrypted. */
@Component
class DisputeViews {

	/** A party; {@code residentId} is null for an outsider (外来人员/非登记人员). */
	record PartyView(DisputeCase.Party.Role role, Long residentId, String name, String phone, String address) {
	}

	record CaseView(long id, String caseNumber, DisputeCase.Source source, String sourceRef, DisputeType type,
			DisputeCase.Risk risk, String summary, String placeText, String regionCode, String regionName,
			DisputeCase.Level level, String partnerRegionCode, String partnerRegionName, String committee, DisputeStatus status,
			String agreementText, String outcomeNote, DisputeCase.Referral referredTo, LocalDate receivedOn, LocalDate closedOn,
			LocalDate followUpDue, LocalDate followUpOn, Boolean followUpHolds, String followUpNote, int reopenCount,
			List<PartyView> parties, List<DisputeCase.Mediator> mediators, List<DisputeCase.Session> sessions, Integer version) {
	}

	private final RegionTree regions;

	DisputeViews(RegionTree regions) {
		this.regions = regions;
	}

	CaseView of(DisputeCase c) {
		RegionNode region = regions.byId(c.getRegionId()).orElseThrow();
		RegionNode partner = c.getPartnerRegionId() == null ? null : regions.byId(c.getPartnerRegionId()).orElse(null);
		return new CaseView(c.getId(), c.getCaseNumber(), c.getSource(), c.getSourceRef(), c.getType(), c.getRisk(), c.getSummary(),
				c.getPlaceText(), region.code(), region.name(), c.getLevel(), partner == null ? null : partner.code(),
				partner == null ? null : partner.name(), c.getCommittee(), c.getStatus(), c.getAgreementText(), c.getOutcomeNote(),
				c.getReferredTo(), c.getReceivedOn(), c.getClosedOn(), c.getFollowUpDue(), c.getFollowUpOn(), c.getFollowUpHolds(),
				c.getFollowUpNote(), c.getReopenCount(),
				c.getParties().stream().map(p -> new PartyView(p.role(), p.residentId(), p.name(), p.phoneMasked(), p.address())).toList(),
				c.getMediators(), c.getSessions(), c.getVersion());
	}

}
