/**
 * The audit trail (留痕): an append-only, hash-chained log of every create, update and delete
 * (who, when, from where, what, before → after) and of every unmasked view of personal data.
 * Other modules call {@link org.grassroots.audit.AuditTrail} inside their own transaction.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.grassroots.audit;
