package org.grassroots.shell;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A growing wait after failed tries (1 s, 2 s, 4 s … up to {@link #MAX}), kept in the database so that every node
 * agrees, each change committed at once on its own. {@link #charge} takes a try atomically (one conditional UPDATE on
 * the try count): two requests arriving together cannot both pass, the try counts as failed until {@link #clear}ed.
 * {@link #failed} counts a failure after the fact (for a key that is only checked, not charged, with {@link #waiting}).
 * A key quiet for an hour after its last wait starts again at 1 s. Keys are hashed before they are stored.
 */
@Component
public class Backoff {

	/** The longest wait. */
	public static final Duration MAX = Duration.ofMinutes(5);

	/** After this long with no wait running, failures are forgotten. */
	static final Duration QUIET = Duration.ofHours(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate own;

	Backoff(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** The wait after {@code failures} failed tries: 1 s, 2 s, 4 s … at most {@link #MAX}. */
	public static Duration delayAfter(int failures) {
		if (failures <= 0) {
			return Duration.ZERO;
		}
		long seconds = failures > 20 ? Long.MAX_VALUE : 1L << (failures - 1);
		return seconds >= MAX.toSeconds() ? MAX : Duration.ofSeconds(seconds);
	}

	private record Row(int failures, Instant until) {
	}

	/** How long {@code key} must still wait; empty when it may try now. */
	public Optional<Duration> waiting(String key) {
		Instant now = clock.instant();
		return read(hash(key)).filter(r -> r.until().isAfter(now)).map(r -> Duration.between(now, r.until()));
	}

	/**
	 * Takes a try of {@code key}: empty when it may try now (the try is counted as failed, and the next waits, until
	 * {@link #clear}), else how long to wait. A try raced by another at the same moment waits.
	 */
	public Optional<Duration> charge(String key) {
		String bucket = hash(key);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		return own.execute(status -> {
			Optional<Row> row = read(bucket);
			if (row.isEmpty()) {
				try {
					jdbc.sql("INSERT INTO shell_backoff (bucket, failures, blocked_until) VALUES (:b, 1, :u)").param("b", bucket)
						.param("u", utc(now.plus(delayAfter(1)))).update();
					jdbc.sql("DELETE FROM shell_backoff WHERE blocked_until < :old").param("old", utc(now.minus(QUIET))).update();
					return Optional.<Duration>empty();
				}
				catch (DataIntegrityViolationException raced) {
					status.setRollbackOnly();
					return Optional.of(delayAfter(1));
				}
			}
			Row r = row.get();
			if (r.until().isAfter(now)) {
				return Optional.of(Duration.between(now, r.until()));
			}
			int failures = r.until().isBefore(now.minus(QUIET)) ? 1 : r.failures() + 1;
			int changed = jdbc.sql("UPDATE shell_backoff SET failures = :f, blocked_until = :u WHERE bucket = :b AND failures = :old")
				.param("f", failures).param("u", utc(now.plus(delayAfter(failures)))).param("b", bucket).param("old", r.failures())
				.update();
			return changed == 1 ? Optional.<Duration>empty() : Optional.of(delayAfter(r.failures() + 1));
		});
	}

	/** Counts a failed try of {@code key}: its next try waits longer. Returns the wait. */
	public Duration failed(String key) {
		String bucket = hash(key);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		for (int attempt = 0; attempt < 3; attempt++) {
			Duration wait = own.execute(status -> {
				int changed = jdbc.sql("""
						UPDATE shell_backoff SET failures = CASE WHEN blocked_until < :old THEN 1 ELSE failures + 1 END
						WHERE bucket = :b""").param("old", utc(now.minus(QUIET))).param("b", bucket).update();
				if (changed == 0) {
					try {
						jdbc.sql("INSERT INTO shell_backoff (bucket, failures, blocked_until) VALUES (:b, 1, :u)").param("b", bucket)
							.param("u", utc(now.plus(delayAfter(1)))).update();
						return delayAfter(1);
					}
					catch (DataIntegrityViolationException raced) {
						status.setRollbackOnly();
						return null;
					}
				}
				int failures = jdbc.sql("SELECT failures FROM shell_backoff WHERE bucket = :b").param("b", bucket).query(Integer.class).single();
				Duration delay = delayAfter(failures);
				jdbc.sql("UPDATE shell_backoff SET blocked_until = :u WHERE bucket = :b").param("u", utc(now.plus(delay))).param("b", bucket)
					.update();
				return delay;
			});
			if (wait != null) {
				return wait;
			}
		}
		return delayAfter(1);
	}

	/** A successful try: {@code key} starts afresh. */
	public void clear(String key) {
		String bucket = hash(key);
		own.executeWithoutResult(status -> jdbc.sql("DELETE FROM shell_backoff WHERE bucket = :b").param("b", bucket).update());
	}

	private Optional<Row> read(String bucket) {
		return jdbc.sql("SELECT failures, blocked_until FROM shell_backoff WHERE bucket = :b").param("b", bucket)
			.query((rs, i) -> new Row(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
			.optional();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static String hash(String key) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
