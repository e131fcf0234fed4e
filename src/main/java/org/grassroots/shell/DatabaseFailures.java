package org.grassroots.shell;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures mean "the database is not answering right now" (down, restarting, no connection to be had, a
 * lock or query timed out) — a 503 with Retry-After to the client, never a 500 — as against a fault of ours.
 */
public final class DatabaseFailures {

	/** Seconds a client is asked to wait before trying again. */
	public static final int RETRY_AFTER_SECONDS = 5;

	private DatabaseFailures() {
	}

	/** True when {@code failure}, or anything it was caused by, is a passing database failure. */
	public static boolean isTransient(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof OptimisticLockingFailureException) {
				// a stale version is the caller's conflict (409), not an outage
				return false;
			}
			if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
					|| t instanceof CannotCreateTransactionException || t instanceof TransactionSystemException
					|| t instanceof SQLTransientException || t instanceof SQLRecoverableException
					|| t instanceof java.net.ConnectException) {
				return true;
			}
		}
		return false;
	}

}
