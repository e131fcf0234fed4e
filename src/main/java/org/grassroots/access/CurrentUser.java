package org.grassroots.access;

import java.io.Serializable;
import java.util.Set;

import org.springframework.security.access.AccessDeniedException;

/**
 * The signed-in person as other modules see them: role, permissions and data scope. The scope is
 * the materialised path of the region node the account is bound to; a record is in scope when its
 * region path starts with it. Department accounts carry their department as well.
 */
public record CurrentUser(long accountId, String username, String displayName, Role role, String regionCode,
		String regionPath, String department, Set<Permission> permissions) implements Serializable {

	public boolean can(Permission permission) {
		return permissions.contains(permission);
	}

	/** Throws 403 unless the user holds the permission. */
	public void require(Permission permission) {
		if (!can(permission)) {
			throw new AccessDeniedException("Missing permission " + permission);
		}
	}

	public boolean covers(String recordRegionPath) {
		return recordRegionPath != null && recordRegionPath.startsWith(regionPath);
	}

	/** Throws 404 (not 403, so that existence is not disclosed) when the record is outside the scope. */
	public void requireInScope(String recordRegionPath) {
		if (!covers(recordRegionPath)) {
			throw new OutOfScopeException();
		}
	}

	/** How deep the user's node sits in the region tree: 0 for the county, 1 for a township, 2 for a village. */
	public int depth() {
		return (int) regionPath.chars().filter(c -> c == '/').count() - 2;
	}

	/** The SQL LIKE pattern that selects the subtree. */
	public String scopePattern() {
		return regionPath + "%";
	}

}
