package org.grassroots.appeals.internal;

import org.grassroots.appeals.AppealStatus;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A step that the appeal's current status does not allow: the caller acted on an outdated view. */
@ResponseStatus(HttpStatus.CONFLICT)
public class TransitionNotAllowed extends RuntimeException {

	private final String action;
	private final AppealStatus status;

	public TransitionNotAllowed(String action, AppealStatus status) {
		super("Cannot " + action + " an appeal that is " + status);
		this.action = action;
		this.status = status;
	}

	public String action() {
		return action;
	}

	public AppealStatus status() {
		return status;
	}

}
