package org.grassroots.appeals.internal;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The public form's rate limit: too many appeals from one phone or one client in the last hour. */
@ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
public class TooManySubmissions extends RuntimeException {

	public TooManySubmissions() {
		super("Too many submissions in the last hour");
	}

}
