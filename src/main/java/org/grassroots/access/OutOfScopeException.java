package org.grassroots.access;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A record outside the caller's region subtree is reported as not found. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class OutOfScopeException extends RuntimeException {

	public OutOfScopeException() {
		super("Not found in your scope");
	}

}
