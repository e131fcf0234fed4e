package org.grassroots.audit.internal;

/**
 * The result of walking the chain: intact, or the first broken entry and why; and how many checkpoints kept outside
 * the database it was held against.
 */
public record ChainVerification(boolean intact, long entriesChecked, Long firstBrokenId, String reason,
		int checkpointsChecked) {

	static ChainVerification intact(long checked) {
		return new ChainVerification(true, checked, null, null, 0);
	}

	static ChainVerification broken(long checked, long id, String reason) {
		return new ChainVerification(false, checked, id, reason, 0);
	}

	ChainVerification withCheckpoints(int checkpoints) {
		return new ChainVerification(intact, entriesChecked, firstBrokenId, reason, checkpoints);
	}

}
