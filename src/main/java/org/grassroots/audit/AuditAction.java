package org.grassroots.audit;

/** What happened to the entity. */
public enum AuditAction {

	CREATE, UPDATE, DELETE, REVEAL, IMPORT, EXPORT, LOCK, UNLOCK, LOGIN_FAILED

}
