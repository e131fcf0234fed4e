package org.grassroots.disputes;

/** Where a case stands: registered, being mediated, or closed one of three ways. */
public enum DisputeStatus {

	OPEN, MEDIATING, SETTLED, NOT_SETTLED, REFERRED;

	public boolean closed() {
		return this == SETTLED || this == NOT_SETTLED || this == REFERRED;
	}

	public String messageKey() {
		return "dispute.status." + name();
	}

}
