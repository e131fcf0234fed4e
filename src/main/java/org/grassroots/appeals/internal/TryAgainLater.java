package org.grassroots.appeals.internal;

import java.time.Duration;

/** The tracking page after failed tries: this code, or this client, waits a growing time before its next try. */
public class TryAgainLater extends RuntimeException {

	private final transient Duration wait;

	public TryAgainLater(Duration wait) {
		super("Try again in " + wait.toSeconds() + " s");
		this.wait = wait;
	}

	/** Whole seconds, rounded up (at least 1): what Retry-After says. */
	public long seconds() {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

}
