package org.grassroots.access.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.grassroots.access.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A person who signs in, bound to one region node (and, for county departments, a department). */
@Table("access_account")
public class Account {

	@Id
	Long id;
	String username;
	String displayName;
	String passwordHash;
	Role role;
	String regionCode;
	String regionPath;
	String department;
	boolean enabled = true;
	boolean mustChangePassword = true;
	int failedLogins;
	Instant lockedUntil;
	Instant lastLoginAt;
	Instant createdAt;
	@Version
	Integer version;

	public Long getId() {
		return id;
	}

	public String getUsername() {
		return username;
	}

	public String getDisplayName() {
		return displayName;
	}

	public Role getRole() {
		return role;
	}

	public String getRegionCode() {
		return regionCode;
	}

	public String getRegionPath() {
		return regionPath;
	}

	public String getDepartment() {
		return department;
	}

	public boolean isEnabled() {
		return enabled;
	}

	public boolean isMustChangePassword() {
		return mustChangePassword;
	}

	public int getFailedLogins() {
		return failedLogins;
	}

	public Instant getLockedUntil() {
		return lockedUntil;
	}

	public Instant getLastLoginAt() {
		return lastLoginAt;
	}

	public Integer getVersion() {
		return version;
	}

	public boolean isLockedNow() {
		return isLocked(Instant.now());
	}

	public boolean isLocked(Instant now) {
		return lockedUntil != null && lockedUntil.isAfter(now);
	}

	/** What the audit trail keeps of an account: never the password hash. */
	public Map<String, Object> snapshot() {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("username", username);
		s.put("displayName", displayName);
		s.put("role", role);
		s.put("regionCode", regionCode);
		s.put("department", department);
		s.put("enabled", enabled);
		s.put("mustChangePassword", mustChangePassword);
		s.put("lockedUntil", lockedUntil);
		return s;
	}

}
