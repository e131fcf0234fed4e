package org.grassroots.access.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.grassroots.access.AccountChanged;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Counts failed sign-ins; after too many in a row the account is locked for a while. */
@Component
class LoginAttempts {

	private final Accounts accounts;
	private final ApplicationEventPublisher events;
	private final int maxFailures;
	private final Duration lockout;
	private final Clock clock;

	LoginAttempts(Accounts accounts, ApplicationEventPublisher events,
			@Value("${grassroots.access.max-failed-logins:5}") int maxFailures,
			@Value("${grassroots.access.lockout-minutes:15}") int lockoutMinutes, Clock clock) {
		this.clock = clock;
		this.accounts = accounts;
		this.events = events;
		this.maxFailures = maxFailures;
		this.lockout = Duration.ofMinutes(lockoutMinutes);
	}

	@EventListener
	@Transactional
	public void failed(AuthenticationFailureBadCredentialsEvent event) {
		accounts.findByUsername(String.valueOf(event.getAuthentication().getPrincipal()).strip()).ifPresent(account -> {
			account.failedLogins++;
			if (account.failedLogins >= maxFailures) {
				var before = account.snapshot();
				account.lockedUntil = Instant.now(clock).plus(lockout);
				account.failedLogins = 0;
				accounts.save(account);
				events.publishEvent(new AccountChanged("LOCK", "account", account.username, account.regionPath,
						"locked after " + maxFailures + " failed sign-ins", before, account.snapshot()));
			}
			else {
				accounts.save(account);
			}
		});
	}

	@EventListener
	@Transactional
	public void succeeded(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof AccountPrincipal principal) {
			accounts.findByUsername(principal.getUsername()).ifPresent(account -> {
				account.failedLogins = 0;
				account.lockedUntil = null;
				account.lastLoginAt = Instant.now(clock);
				accounts.save(account);
			});
		}
	}

}
