package org.grassroots.disputes.internal;

import org.grassroots.disputes.DisputeStatus;
import org.grassroots.shell.InputRejected;

/** A step the case's status does not allow (settling a closed case …): a 400 naming the status. */
class StepNotAllowed extends InputRejected {

	StepNotAllowed(String step, DisputeStatus status) {
		super("status", "dispute.step.notAllowed", status.name());
	}

}
