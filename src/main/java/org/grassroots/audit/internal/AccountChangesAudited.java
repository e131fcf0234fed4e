package org.grassroots.audit.internal;

import org.grassroots.access.AccountChanged;
import org.grassroots.audit.AuditAction;
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
				change.summary(), change.before(), change.after());
	}

}
