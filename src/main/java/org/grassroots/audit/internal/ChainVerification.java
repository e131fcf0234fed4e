package org.grassroots.audit.internal;

/** The result of walking the chain: intact, or the first broken entry and why. */
public record ChainVerification(boolean intact, long entriesChecked, Long firstBrokenId, String reason) {

	static ChainVerification intact(long checked) {
		return new ChainVerification(true, checked, null, null);
	}

	static ChainVerification broken(long checked, long id, String reason) {
		return new ChainVerification(false, checked, id, reason);
	}

}
