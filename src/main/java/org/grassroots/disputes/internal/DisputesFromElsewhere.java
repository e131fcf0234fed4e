package org.grassroots.disputes.internal;

import org.grassroots.access.CurrentUsers;
import org.grassroots.appeals.AppealReferredToMediation;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.fieldwork.VisitDisputeReported;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens a case for a dispute found on a visit or referred from an appeal, in the same transaction and in
 * the name of whoever found or referred it (they need the right to handle disputes). The parties are
 * added on the case afterwards; a second event for the same visit or appeal opens nothing.
 */
@Component
class DisputesFromElsewhere {

	private final Disputes disputes;
	private final CurrentUsers users;

	DisputesFromElsewhere(Disputes disputes, CurrentUsers users) {
		this.disputes = disputes;
		this.users = users;
	}

	@EventListener
	void on(VisitDisputeReported found) {
		disputes.raise(users.current(), DisputeCase.Source.VISIT, "visit:" + found.visitId(), found.regionCode(),
				found.description(), found.visitedAt().atZone(WorkingCalendar.ZONE).toLocalDate());
	}

	@EventListener
	void on(AppealReferredToMediation referred) {
		disputes.raise(users.current(), DisputeCase.Source.APPEAL, referred.trackingCode(), referred.regionCode(),
				referred.description(), referred.at().atZone(WorkingCalendar.ZONE).toLocalDate());
	}

}
