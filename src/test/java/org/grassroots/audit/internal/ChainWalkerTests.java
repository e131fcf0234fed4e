package org.grassroots.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The chain walk with the key and the checkpoints kept outside the database. */
class ChainWalkerTests {

	private static final AuditKey KEY = new AuditKey(new byte[32]);

	private static final AuditKey OTHER = new AuditKey(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
			18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

	private static final Instant AT = Instant.parse("2026-12-05T08:00:00Z");

	/** Entries 1..n; those before keyedFrom hashed by the plain rule, the rest with the key. */
	private static List<AuditRecord> chain(int n, long keyedFrom, AuditKey key) {
		List<AuditRecord> entries = new ArrayList<>();
		String previous = AuditLog.GENESIS;
		for (long id = 1; id <= n; id++) {
			AuditRecord e = entry(id, "entry " + id, previous);
			String hash = ChainWalker.expectedHash(e, keyedFrom, key);
			entries.add(withHash(e, hash));
			previous = hash;
		}
		return entries;
	}

	private static AuditRecord entry(long id, String summary, String prev) {
		return new AuditRecord(id, AT.plusSeconds(id), "someone", null, "UPDATE", "appeal", "7", "/620799/", summary, null,
				"{}", prev, null);
	}

	private static AuditRecord withHash(AuditRecord e, String hash) {
		return new AuditRecord(e.id(), e.occurredAt(), e.actor(), e.clientAddress(), e.action(), e.entityType(), e.entityId(),
				e.regionPath(), e.summary(), e.beforeState(), e.afterState(), e.prevHash(), hash);
	}

	private static ChainVerification walk(List<AuditRecord> entries, long head, long keyedFrom, AuditKey key,
			List<Checkpoint> checkpoints) {
		ChainWalker walker = new ChainWalker(key, keyedFrom, checkpoints);
		for (AuditRecord e : entries) {
			if (!walker.accept(e)) {
				break;
			}
		}
		return walker.finish(head);
	}

	private static Checkpoint checkpointAt(List<AuditRecord> entries, int seq, long keyedFrom) {
		return Checkpoint.signed(seq, entries.get(seq - 1).hash(), AT, keyedFrom, KEY);
	}

	@Test
	void an_untouched_chain_with_an_older_plain_part_verifies_against_its_checkpoints() {
		var entries = chain(10, 4, KEY);
		var result = walk(entries, 10, 4, KEY, List.of(checkpointAt(entries, 5, 4), checkpointAt(entries, 10, 4)));
		assertThat(result.intact()).isTrue();
		assertThat(result.entriesChecked()).isEqualTo(10);
		assertThat(result.checkpointsChecked()).isEqualTo(2);
	}

	@Test
	void deleting_the_last_entries_and_rolling_the_head_back_is_truncation() {
		var entries = chain(10, 1, KEY);
		var checkpoints = List.of(checkpointAt(entries, 10, 1));
		var result = walk(entries.subList(0, 8), 8, 1, KEY, checkpoints);
		assertThat(result.intact()).isFalse();
		assertThat(result.reason()).isEqualTo("truncated");
		assertThat(result.firstBrokenId()).isEqualTo(9);
		// without a checkpoint beyond the new head it would look intact: the checkpoint is what tells
		assertThat(walk(entries.subList(0, 8), 8, 1, KEY, List.of()).intact()).isTrue();
	}

	@Test
	void a_changed_entry_with_the_plain_chain_recomputed_is_found() {
		var entries = chain(10, 1, KEY);
		List<AuditRecord> rewritten = new ArrayList<>(entries.subList(0, 5));
		String previous = entries.get(4).hash();
		for (long id = 6; id <= 10; id++) {
			AuditRecord e = entry(id, id == 6 ? "nothing happened" : "entry " + id, previous);
			String hash = AuditLog.hashOf(e);
			rewritten.add(withHash(e, hash));
			previous = hash;
		}
		var result = walk(rewritten, 10, 1, KEY, List.of());
		assertThat(result.reason()).isEqualTo("content");
		assertThat(result.firstBrokenId()).isEqualTo(6);
	}

	@Test
	void a_chain_rewritten_by_someone_holding_the_key_still_differs_from_its_checkpoint() {
		var entries = chain(10, 1, KEY);
		var checkpoints = List.of(checkpointAt(entries, 7, 1));
		List<AuditRecord> rewritten = new ArrayList<>(entries.subList(0, 5));
		String previous = entries.get(4).hash();
		for (long id = 6; id <= 10; id++) {
			AuditRecord e = entry(id, id == 6 ? "nothing happened" : "entry " + id, previous);
			String hash = AuditLog.keyedHashOf(e, KEY);
			rewritten.add(withHash(e, hash));
			previous = hash;
		}
		var result = walk(rewritten, 10, 1, KEY, checkpoints);
		assertThat(result.reason()).isEqualTo("rewritten");
		assertThat(result.firstBrokenId()).isEqualTo(7);
	}

	@Test
	void a_forged_checkpoint_is_reported() {
		var entries = chain(10, 1, KEY);
		var genuine = checkpointAt(entries, 10, 1);
		var forged = new Checkpoint(12, "ab".repeat(32), AT, 1, genuine.mac());
		var byOtherKey = Checkpoint.signed(10, entries.get(9).hash(), AT, 1, OTHER);
		assertThat(walk(entries, 10, 1, KEY, List.of(genuine, forged)).reason()).isEqualTo("forged");
		assertThat(walk(entries, 10, 1, KEY, List.of(byOtherKey)).reason()).isEqualTo("forged");
		var unreadable = Checkpoint.parse("seq=x hash=y");
		assertThat(unreadable).isNull();
	}

	@Test
	void moving_the_start_of_the_keyed_chain_is_reported() {
		var entries = chain(10, 1, KEY);
		// whoever moves the start up to recompute plainly is caught by the first keyed entry or by the checkpoints
		var result = walk(entries, 10, 11, KEY, List.of(checkpointAt(entries, 10, 1)));
		assertThat(result.intact()).isFalse();
		assertThat(result.reason()).isEqualTo("content");
		var plain = chain(10, 11, KEY);
		assertThat(walk(plain, 10, 11, KEY, List.of(checkpointAt(entries, 10, 1))).reason()).isEqualTo("start");
	}

	@Test
	void the_wrong_key_finds_the_keyed_chain_broken_at_its_first_keyed_entry() {
		var entries = chain(10, 4, KEY);
		var result = walk(entries, 10, 4, OTHER, List.of());
		assertThat(result.reason()).isEqualTo("content");
		assertThat(result.firstBrokenId()).isEqualTo(4);
		assertThat(result.entriesChecked()).isEqualTo(3);
	}

	@Test
	void a_checkpoint_line_reads_back_also_from_a_shipped_log_line() {
		var entries = chain(3, 1, KEY);
		var checkpoint = checkpointAt(entries, 3, 1);
		var line = "2026-12-05 08:00:00 INFO  o.g.a.i.AuditCheckpoints : AUDIT-CHECKPOINT " + checkpoint.line();
		assertThat(Checkpoint.parse(line)).isEqualTo(checkpoint);
		assertThat(Checkpoint.parse(line).validUnder(KEY)).isTrue();
		assertThat(Checkpoint.parse(line).validUnder(OTHER)).isFalse();
	}

}
