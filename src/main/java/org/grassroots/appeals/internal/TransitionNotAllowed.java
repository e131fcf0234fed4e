package org.grassroots.appeals.internal;

import org.grassroots.appeals.AppealStatus;
import org.grassroots.appeals.AppealStep;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A step that the appeal's current state does not allow: the caller acted on an outdated view. */
@ResponseStatus(HttpStatus.CONFLICT)
public class TransitionNotAllowed extends RuntimeException {

	private final AppealStep step;
	private final AppealStatus status;

	public TransitionNotAllowed(AppealStep step, AppealStatus status) {
		super("Cannot " + step + " an appeal that is " + status);
		this.step = step;
		this.status = status;
	}

	public AppealStep step() {
		return step;
	}

	public AppealStatus status() {
		return status;
	}

}
