package org.grassroots.audit.internal;

import org.grassroots.access.AccountChanged;
import org.grassroots.audit.AuditAction;
import org.grassroots.audit.AuditTrail;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps account, role and token changes, in the transaction that made them. */
@Component
class AccountChangesAudited {

	private final AuditLog log;

	AccountChangesAudited(AuditLog log) {
		this.log = log;
	}

	@EventListener
	void on(AccountChanged change) {
		log.append(AuditAction.valueOf(change.action()), change.entityType(), change.entityId(), change.regionPath(),
				readable(change.summary()), change.before(), change.after());
	}

	/** Token summaries carry a name: kept as a message with an argument, read in each reader's language. */
	private static String readable(String summary) {
		if (summary != null && summary.startsWith("API token issued: ")) {
			return AuditTrail.summary("tokenIssued", summary.substring("API token issued: ".length()));
		}
		if (summary != null && summary.startsWith("API token revoked: ")) {
			return AuditTrail.summary("tokenRevoked", summary.substring("API token revoked: ".length()));
		}
		return summary;
	}

}
