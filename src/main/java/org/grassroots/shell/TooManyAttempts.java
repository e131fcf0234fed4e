package org.grassroots.shell;

import java.time.Duration;

/**
 * A signed-in person's limit on something that would otherwise let numbers be tried one after another (checking
 * whether an ID number is registered, for one). The API answers 429 with {@code Retry-After}; pages show the message.
 */
public class TooManyAttempts extends RuntimeException {

	private final String messageKey;

	private final Duration retryAfter;

	public TooManyAttempts(String messageKey, Duration retryAfter) {
		super(messageKey);
		this.messageKey = messageKey;
		this.retryAfter = retryAfter;
	}

	public String messageKey() {
		return messageKey;
	}

	public Duration retryAfter() {
		return retryAfter;
	}

}
