package org.grassroots.audit.internal;

import java.time.Instant;

/** One row of the audit trail as stored. */
public record AuditRecord(long id, Instant occurredAt, String actor, String clientAddress, String action,
		String entityType, String entityId, String regionPath, String summary, String beforeState, String afterState,
		String prevHash, String hash) {
}
