package org.grassroots.appeals;

/** Where an appeal stands. SUBMITTED waits for the level that holds it to accept (签收). */
public enum AppealStatus {

	SUBMITTED, ACCEPTED, IN_PROGRESS, RESOLVED, CLOSED, REJECTED,
	/** Folded into another appeal about the same matter. */
	MERGED;

	public boolean isOpen() {
		return this == SUBMITTED || this == ACCEPTED || this == IN_PROGRESS;
	}

}
