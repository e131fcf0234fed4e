package org.grassroots.audit.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the chain in order and then holds it against the checkpoints kept outside the database. Entries before
 * {@code keyedFrom} are checked by the plain SHA-256 rule (they were written before the chain was keyed), the rest
 * by HMAC-SHA256 under the audit key.
 * <ul>
 * <li>missing, link, content: an entry gone from the middle, re-linked, or changed (without the key its hash cannot
 * be recomputed);</li>
 * <li>forged: a checkpoint whose signature does not hold under the key;</li>
 * <li>start: the database says the keyed chain starts elsewhere than the checkpoints say;</li>
 * <li>truncated: a checkpoint names an entry beyond the current head (entries at the end deleted and the head rolled
 * back);</li>
 * <li>rewritten: the entry a checkpoint names has another hash now.</li>
 * </ul>
 */
final class ChainWalker {

	private final AuditKey key;

	private final long keyedFrom;

	private final Map<Long, String> seen = new HashMap<>();

	private final List<Checkpoint> checkpoints;

	private String previousHash = AuditLog.GENESIS;

	private long expectedId = 1;

	private long checked;

	private ChainVerification broken;

	ChainWalker(AuditKey key, long keyedFrom, List<Checkpoint> checkpoints) {
		this.key = key;
		this.keyedFrom = keyedFrom;
		this.checkpoints = checkpoints;
		checkpoints.forEach(c -> seen.put(c.seq(), null));
	}

	/** The entry's hash by the rule for its place in the chain. */
	static String expectedHash(AuditRecord e, long keyedFrom, AuditKey key) {
		return e.id() >= keyedFrom ? AuditLog.keyedHashOf(e, key) : AuditLog.hashOf(e);
	}

	/** Takes the next entry; false once the chain is broken (the rest need not be read). */
	boolean accept(AuditRecord e) {
		if (broken != null) {
			return false;
		}
		if (e.id() != expectedId) {
			broken = ChainVerification.broken(checked, expectedId, "missing");
		}
		else if (!e.prevHash().equals(previousHash)) {
			broken = ChainVerification.broken(checked, e.id(), "link");
		}
		else if (!expectedHash(e, keyedFrom, key).equals(e.hash())) {
			broken = ChainVerification.broken(checked, e.id(), "content");
		}
		if (broken != null) {
			return false;
		}
		if (seen.containsKey(e.id())) {
			seen.put(e.id(), e.hash());
		}
		previousHash = e.hash();
		expectedId++;
		checked++;
		return true;
	}

	/** The verdict, given the head the database keeps. */
	ChainVerification finish(long headId) {
		if (broken != null) {
			return broken.withCheckpoints(checkpoints.size());
		}
		if (headId != checked) {
			return ChainVerification.broken(checked, checked + 1, "missing").withCheckpoints(checkpoints.size());
		}
		for (Checkpoint c : checkpoints) {
			if (!c.validUnder(key)) {
				return ChainVerification.broken(checked, c.seq(), "forged").withCheckpoints(checkpoints.size());
			}
			if (c.keyedFrom() != keyedFrom) {
				return ChainVerification.broken(checked, Math.min(c.keyedFrom(), keyedFrom), "start")
					.withCheckpoints(checkpoints.size());
			}
			if (c.seq() > checked) {
				return ChainVerification.broken(checked, checked + 1, "truncated").withCheckpoints(checkpoints.size());
			}
			if (!c.hash().equals(seen.get(c.seq()))) {
				return ChainVerification.broken(checked, c.seq(), "rewritten").withCheckpoints(checkpoints.size());
			}
		}
		return ChainVerification.intact(checked).withCheckpoints(checkpoints.size());
	}

}
