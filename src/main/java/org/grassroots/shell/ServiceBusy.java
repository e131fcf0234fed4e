package org.grassroots.shell;

/**
 * The server is doing as much of something expensive (decoding photos …) as it may at once, and the request waited
 * as long as it should: answered 503 with {@code Retry-After}, never 500. The request changed nothing.
 */
public class ServiceBusy extends RuntimeException {

	private final int retryAfterSeconds;

	public ServiceBusy(String what, int retryAfterSeconds) {
		super(what + " busy; retry after " + retryAfterSeconds + " s");
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public int retryAfterSeconds() {
		return retryAfterSeconds;
	}

}
