package org.grassroots.access.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.grassroots.access.AccountChanged;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts sign-in attempts in the database, atomically, so that guesses sent in parallel cannot outrun the lockout.
 * Each attempt is counted <em>before</em> its password is checked ({@link #charge}): an attempt beyond the limit is
 * refused as locked without a password check, however many arrive at once. A wrong password that reaches the limit
 * locks the account for a while (one UPDATE decides which attempt locks it, so the lock is audited once); a right one
 * clears the count. No optimistic version check is involved, so no attempt fails with a conflict. The lockout is about
 * passwords: an account's API tokens keep working (see {@link ApiTokens}).
 */
@Component
class LoginAttempts {

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final int maxFailures;
	private final Duration lockout;
	private final Clock clock;
	private final TransactionTemplate ownTransaction;

	LoginAttempts(JdbcClient jdbc, ApplicationEventPublisher events, PlatformTransactionManager transactions,
			@Value("${grassroots.access.max-failed-logins:5}") int maxFailures,
			@Value("${grassroots.access.lockout-minutes:15}") int lockoutMinutes, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
		this.maxFailures = maxFailures;
		this.lockout = Duration.ofMinutes(lockoutMinutes);
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Counts one attempt for {@code username}, committed at once, and says whether it may go on to the password check:
	 * not while the account is locked, nor when earlier attempts (finished or still running) already used up the limit.
	 */
	boolean charge(String username) {
		Instant now = clock.instant();
		Boolean allowed = ownTransaction.execute(status -> {
			int counted = jdbc.sql("""
					UPDATE access_account SET failed_logins = failed_logins + 1
					WHERE username = :u AND (locked_until IS NULL OR locked_until <= :now)""")
				.param("u", username).param("now", at(now)).update();
			if (counted == 0) {
				return false;
			}
			int attempts = jdbc.sql("SELECT failed_logins FROM access_account WHERE username = :u").param("u", username)
				.query(Integer.class).single();
			return attempts <= maxFailures;
		});
		return Boolean.TRUE.equals(allowed);
	}

	@EventListener
	public void failed(AuthenticationFailureBadCredentialsEvent event) {
		String username = String.valueOf(event.getAuthentication().getPrincipal()).strip();
		Instant now = clock.instant();
		ownTransaction.executeWithoutResult(status -> {
			Map<String, Object> before = jdbc.sql("""
					SELECT failed_logins, locked_until, region_path FROM access_account WHERE username = :u""")
				.param("u", username).query((rs, i) -> {
					Map<String, Object> row = new LinkedHashMap<>();
					row.put("failedLogins", rs.getInt(1));
					OffsetDateTime until = rs.getObject(2, OffsetDateTime.class);
					row.put("lockedUntil", until == null ? null : until.toInstant());
					row.put("regionPath", rs.getString(3));
					return row;
				}).optional().orElse(null);
			if (before == null) {
				return;
			}
			Instant until = now.plus(lockout);
			// of the attempts that used up the limit, exactly one locks the account
			int locked = jdbc.sql("""
					UPDATE access_account SET locked_until = :until, failed_logins = 0, version = version + 1
					WHERE username = :u AND failed_logins >= :max AND (locked_until IS NULL OR locked_until <= :now)""")
				.param("until", at(until)).param("u", username).param("max", maxFailures).param("now", at(now)).update();
			if (locked == 1) {
				String regionPath = (String) before.remove("regionPath");
				events.publishEvent(new AccountChanged("LOCK", "account", username, regionPath,
						"locked after " + maxFailures + " failed sign-ins", before,
						Map.of("failedLogins", 0, "lockedUntil", until)));
			}
		});
	}

	@EventListener
	public void succeeded(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof AccountPrincipal principal) {
			Instant now = clock.instant();
			ownTransaction.executeWithoutResult(status -> jdbc.sql("""
					UPDATE access_account SET failed_logins = 0, locked_until = NULL, last_login_at = :now
					WHERE username = :u""").param("now", at(now)).param("u", principal.getUsername()).update());
		}
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
