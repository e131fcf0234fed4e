package org.grassroots.access;

/** A right a role may carry. Scope (the region subtree) always applies on top. */
public enum Permission {

	REGISTRY_READ, REGISTRY_WRITE, REGISTRY_IMPORT, REGISTRY_CONFIGURE, PERSONAL_DATA_REVEAL, AUDIT_READ, ACCOUNT_ADMIN,
	CALENDAR_CONFIGURE, APPEAL_READ, APPEAL_INTAKE, APPEAL_HANDLE, FIELDWORK_READ, FIELDWORK_RECORD, FIELDWORK_ASSIGN;

	public String messageKey() {
		return "permission." + name();
	}

}
