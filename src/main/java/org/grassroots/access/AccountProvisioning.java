package org.grassroots.access;

/** Creates accounts from other modules (the demo county loader, an import). */
public interface AccountProvisioning {

	boolean exists(String username);

	/**
	 * Creates the account bound to the region with the given code. {@code mustChangePassword} is
	 * false only for demo accounts.
	 */
	void provision(String username, String displayName, Role role, String regionCode, String department,
			String rawPassword, boolean mustChangePassword);

}
