package org.grassroots.appeals;

/** The resident's verdict on the result (回访评价). */
public enum AppealRating {

	SATISFIED, BASICALLY_SATISFIED, UNSATISFIED;

	public boolean counts() {
		return this != UNSATISFIED;
	}

}
