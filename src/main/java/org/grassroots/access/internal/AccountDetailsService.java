package org.grassroots.access.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
class AccountDetailsService implements UserDetailsService {

	private final Accounts accounts;
	private final RolePermissions rolePermissions;
	private final Clock clock;

	AccountDetailsService(Accounts accounts, RolePermissions rolePermissions, Clock clock) {
		this.clock = clock;
		this.accounts = accounts;
		this.rolePermissions = rolePermissions;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		Account account = accounts.findByUsername(username.strip())
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
		return principalOf(account, rolePermissions.of(account.role), account.isLocked(Instant.now(clock)));
	}

	/**
	 * The principal of an account whose role's permissions are already known. {@code locked} is the password lockout:
	 * an API token (which is not a password) passes {@code false}.
	 */
	static AccountPrincipal principalOf(Account account, Set<Permission> permissions, boolean locked) {
		CurrentUser user = new CurrentUser(account.id, account.username, account.displayName, account.role,
				account.regionCode, account.regionPath, account.department, permissions);
		return new AccountPrincipal(user, account.passwordHash, account.enabled, locked, account.mustChangePassword);
	}

}
