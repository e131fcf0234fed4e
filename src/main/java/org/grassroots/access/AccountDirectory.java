package org.grassroots.access;

import java.util.List;
import java.util.Optional;

/**
 * Who holds an account, as other modules need to know it: to assign a person to a village or grid,
 * or to show their name beside what they recorded. Never exposes credentials.
 */
public interface AccountDirectory {

	Optional<Person> find(String username);

	/**
	 * The accounts of these usernames, in one read, by username (those not found left out): for naming the people of a
	 * list once its rows are read, instead of one look-up per row.
	 */
	java.util.Map<String, Person> findAll(java.util.Collection<String> usernames);

	/** Enabled accounts bound within the subtree of {@code regionPath} (that path included), by region then name. */
	List<Person> within(String regionPath);

	/** Enabled accounts bound at or above {@code regionPath}: whose scope reaches it (township leaders for a village). */
	List<Person> reaching(String regionPath);

	record Person(String username, String displayName, Role role, String regionCode, String regionPath, boolean enabled) {

		/** Whether this person's own scope reaches a record at {@code path}. */
		public boolean reaches(String path) {
			return path != null && path.startsWith(regionPath);
		}

	}

}
