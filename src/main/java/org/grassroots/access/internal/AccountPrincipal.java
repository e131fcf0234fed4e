package org.grassroots.access.internal;

import java.util.Collection;
import java.util.List;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The principal kept in the (database-stored) session. */
public record AccountPrincipal(CurrentUser currentUser, String passwordHash, boolean enabled, boolean locked,
		boolean mustChangePassword) implements UserDetails, CurrentUsers.HasCurrentUser {

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		var authorities = new java.util.ArrayList<GrantedAuthority>();
		authorities.add(new SimpleGrantedAuthority("ROLE_" + currentUser.role().name()));
		currentUser.permissions().forEach(p -> authorities.add(new SimpleGrantedAuthority(p.name())));
		return List.copyOf(authorities);
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return currentUser.username();
	}

	@Override
	public boolean isAccountNonLocked() {
		return !locked;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	AccountPrincipal withPasswordChanged(String newHash) {
		return new AccountPrincipal(currentUser, newHash, enabled, locked, false);
	}

	/** The same account, refused as locked (an attempt beyond the limit). */
	AccountPrincipal asLocked() {
		return new AccountPrincipal(currentUser, passwordHash, enabled, true, mustChangePassword);
	}

	/** The principal as kept in the session once signed in: without the password hash (no credential at rest there). */
	public AccountPrincipal withoutPassword() {
		return new AccountPrincipal(currentUser, null, enabled, locked, mustChangePassword);
	}

}
