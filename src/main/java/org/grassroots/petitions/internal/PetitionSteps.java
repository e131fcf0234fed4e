package org.grassroots.petitions.internal;

import java.util.EnumSet;
import java.util.Set;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.springframework.stereotype.Component;

/**
 * Who may take which step on an item of a petition's ledger, in one place: the pages offer only these, the API returns
 * them with each item, and the service refuses the rest. A step is allowed when the person holds its right within the
 * petition's place (requesting and reopening are handling, approving and returning are approving) and the item's state
 * allows it now for them ({@link Petition#allows}: never one's own request to approve).
 */
@Component
public class PetitionSteps {

	/** The steps this person may take on the item now (numbered from 1). */
	public Set<Petition.Step> of(CurrentUser user, Petition petition, int item) {
		Set<Petition.Step> allowed = EnumSet.noneOf(Petition.Step.class);
		if (!user.covers(petition.regionPath)) {
			return allowed;
		}
		for (Petition.Step step : Petition.Step.values()) {
			if (user.can(rightFor(step)) && petition.allows(step, item - 1, user.username())) {
				allowed.add(step);
			}
		}
		return allowed;
	}

	/** Whether the person may add an item to the ledger (a closed case opens again). */
	public boolean mayAddItem(CurrentUser user, Petition petition) {
		return user.covers(petition.regionPath) && user.can(Permission.PETITION_HANDLE);
	}

	static Permission rightFor(Petition.Step step) {
		return step == Petition.Step.APPROVE || step == Petition.Step.RETURN ? Permission.PETITION_APPROVE : Permission.PETITION_HANDLE;
	}

}
