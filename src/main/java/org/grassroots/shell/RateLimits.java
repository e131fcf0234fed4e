package org.grassroots.shell;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Limits on how often something may be done, kept in the database so that every node counts the same uses, and
 * counted atomically: a use is taken by one conditional UPDATE (or the first INSERT of the window), committed at once,
 * so forty requests arriving together cannot pass a limit of twenty. Windows are fixed (the hour, the day …): at most
 * {@code limit} uses in each. Keys are hashed before they are stored (they may name a client address or a phone).
 * Cheap: one or two statements on one row, to be called before any expensive check.
 */
@Component
public class RateLimits {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate own;

	RateLimits(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** One use taken: the window's bucket it was counted in, to be given back if it turns out not to have been one. */
	public record Use(String bucket) {
	}

	/** Takes one use of {@code key} in the current window of {@code window}; false when its {@code limit} is used up. */
	public boolean take(String key, int limit, Duration window) {
		return use(key, limit, window).isPresent();
	}

	/**
	 * {@link #take}, saying which window the use was counted in, so that a request that turns out to be a replay of
	 * one already counted (a retry that raced its first copy) can {@link #giveBack} what it took.
	 */
	public java.util.Optional<Use> use(String key, int limit, Duration window) {
		Instant now = clock.instant();
		long slot = now.toEpochMilli() / window.toMillis();
		String bucket = hash(key) + "@" + slot;
		Instant expires = Instant.ofEpochMilli((slot + 1) * window.toMillis());
		for (int attempt = 0; attempt < 5; attempt++) {
			Boolean taken = own.execute(status -> {
				if (jdbc.sql("UPDATE shell_rate_limit SET used = used + 1 WHERE bucket = :b AND used < :limit")
					.param("b", bucket).param("limit", limit).update() == 1) {
					return true;
				}
				java.util.Optional<Integer> used = jdbc.sql("SELECT used FROM shell_rate_limit WHERE bucket = :b").param("b", bucket)
					.query(Integer.class).optional();
				if (used.isPresent()) {
					// full, or opened by another request between the UPDATE and this read (its commit came in
					// between): then count again; a window's row never goes away while the window lasts
					return used.get() >= limit ? Boolean.FALSE : null;
				}
				try {
					jdbc.sql("INSERT INTO shell_rate_limit (bucket, used, expires_at) VALUES (:b, 1, :e)").param("b", bucket)
						.param("e", expires.atOffset(ZoneOffset.UTC)).update();
					// the first use of a window also clears the windows that are over
					jdbc.sql("DELETE FROM shell_rate_limit WHERE expires_at < :now").param("now", now.atOffset(ZoneOffset.UTC)).update();
					return limit > 0;
				}
				catch (DataIntegrityViolationException raced) {
					// another request opened the window at the same moment: count again, in a fresh transaction
					status.setRollbackOnly();
					return null;
				}
			});
			if (taken != null) {
				return taken ? java.util.Optional.of(new Use(bucket)) : java.util.Optional.empty();
			}
		}
		// each attempt lost a race that can be lost once per window; five lost means something else is wrong, and
		// refusing the caller as if over its limit would hide it
		throw new IllegalStateException("The rate limit window " + bucket + " could not be counted in five attempts");
	}

	/**
	 * Gives back a use taken by {@link #use}, in its own window (a window that is over no longer counts, so nothing
	 * changes then), committed at once.
	 */
	public void giveBack(Use use) {
		own.executeWithoutResult(status -> jdbc.sql("UPDATE shell_rate_limit SET used = used - 1 WHERE bucket = :b AND used > 0")
			.param("b", use.bucket()).update());
	}

	/** How many uses of {@code key} the current window of {@code window} has counted. */
	public int used(String key, Duration window) {
		long slot = clock.instant().toEpochMilli() / window.toMillis();
		return jdbc.sql("SELECT COALESCE(MAX(used), 0) FROM shell_rate_limit WHERE bucket = :b").param("b", hash(key) + "@" + slot)
			.query(Integer.class).single();
	}

	private static String hash(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 32);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
