package org.grassroots.access;

import java.util.Optional;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Where other modules get the signed-in user from. */
@Component
public class CurrentUsers {

	public CurrentUser current() {
		return find().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Not signed in"));
	}

	public Optional<CurrentUser> find() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof HasCurrentUser holder) {
			return Optional.of(holder.currentUser());
		}
		return Optional.empty();
	}

	/** Implemented by the principal objects of this module. */
	public interface HasCurrentUser {

		CurrentUser currentUser();

	}

}
