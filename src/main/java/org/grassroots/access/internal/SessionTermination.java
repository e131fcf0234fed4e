package org.grassroots.access.internal;

import java.util.Collection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ends the database-stored sessions of an account whose rights changed (disabled, moved, new role,
 * password reset), so that no node keeps serving it with the old principal.
 */
@Component
class SessionTermination {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;
	private final JdbcClient jdbc;

	SessionTermination(FindByIndexNameSessionRepository<? extends Session> sessions, JdbcClient jdbc) {
		this.sessions = sessions;
		this.jdbc = jdbc;
	}

	void endSessionsOf(String username) {
		sessions.findByPrincipalName(username).keySet().forEach(sessions::deleteById);
	}

	/** Ends the account's sessions but {@code keep} (the one that asked, e.g. after changing its own password). */
	void endSessionsOf(String username, String keep) {
		sessions.findByPrincipalName(username).keySet().stream().filter(id -> !id.equals(keep)).forEach(sessions::deleteById);
	}

	void endSessionsOfRole(String role) {
		Collection<String> usernames = jdbc.sql("SELECT username FROM access_account WHERE role = :role")
			.param("role", role)
			.query(String.class)
			.list();
		usernames.forEach(this::endSessionsOf);
	}

}
