package org.grassroots.access;

import java.util.Map;

/**
 * Published inside the transaction of every change to an account, its role permissions or its
 * tokens, so that the audit trail keeps it (the audit module listens).
 */
public record AccountChanged(String action, String entityType, String entityId, String regionPath, String summary,
		Map<String, Object> before, Map<String, Object> after) {
}
