package org.grassroots.appeals.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

import org.grassroots.privacy.PersonalDataProtector;
import org.springframework.stereotype.Component;

/**
 * The resident's rating is taken only with a fresh token from the tracking page they opened with the code and the
 * digits: {@code <appeal id>.<expiry, epoch seconds>.<HMAC>}, keyed by the privacy key material (so every node signs
 * and checks alike and the database holds no key), valid {@link #VALID} from when the page was shown.
 */
@Component
public class RatingTokens {

	static final Duration VALID = Duration.ofMinutes(15);

	private final PersonalDataProtector protector;

	private final Clock clock;

	RatingTokens(PersonalDataProtector protector, Clock clock) {
		this.protector = protector;
		this.clock = clock;
	}

	public String issue(long appealId) {
		long expires = clock.instant().plus(VALID).getEpochSecond();
		return appealId + "." + expires + "." + sign(appealId, expires);
	}

	/** The appeal the token was issued for, if it is genuine and fresh; empty otherwise. */
	public OptionalLong appealOf(String token) {
		if (token == null) {
			return OptionalLong.empty();
		}
		String[] parts = token.strip().split("\\.");
		if (parts.length != 3 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("\\d{1,18}")) {
			return OptionalLong.empty();
		}
		long id = Long.parseLong(parts[0]);
		long expires = Long.parseLong(parts[1]);
		long now = clock.instant().getEpochSecond();
		if (expires <= now || expires > now + VALID.toSeconds() + 60) {
			return OptionalLong.empty();
		}
		boolean genuine = MessageDigest.isEqual(sign(id, expires).getBytes(StandardCharsets.US_ASCII),
				parts[2].getBytes(StandardCharsets.US_ASCII));
		return genuine ? OptionalLong.of(id) : OptionalLong.empty();
	}

	private String sign(long appealId, long expires) {
		return protector.lookupHash("appeal-rating:" + appealId + ":" + expires);
	}

}
