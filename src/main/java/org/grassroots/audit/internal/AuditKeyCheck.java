package org.grassroots.audit.internal;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At start-up, before anything is appended: the configured audit key must be the one the chain was written with.
 * A wrong key (another node's, a lost file regenerated) would otherwise extend the chain with entries that no longer
 * verify. When the last entry does not verify but the last checkpoint does, the key is right and the trail was
 * altered: that is logged as an error, and the application starts so that it can be looked into.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuditKeyCheck implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AuditKeyCheck.class);

	private final JdbcClient jdbc;

	private final AuditKey key;

	private final AuditCheckpoints checkpoints;

	AuditKeyCheck(JdbcClient jdbc, AuditKey key, AuditCheckpoints checkpoints) {
		this.jdbc = jdbc;
		this.key = key;
		this.checkpoints = checkpoints;
	}

	@Override
	public void run(ApplicationArguments args) {
		long keyedFrom = checkpoints.keyedFrom();
		long head = jdbc.sql("SELECT last_id FROM audit_chain_head WHERE id = 1").query(Long.class).single();
		List<Checkpoint> written = checkpoints.read();
		boolean checkpointHolds = !written.isEmpty() && written.get(written.size() - 1).validUnder(key);
		if (!written.isEmpty() && !checkpointHolds && head < keyedFrom) {
			throw wrongKey("the last checkpoint in " + checkpoints.file().toAbsolutePath() + " was not signed with it");
		}
		if (head < keyedFrom) {
			return;
		}
		AuditRecord last = jdbc.sql("SELECT * FROM audit_entry WHERE id = :id").param("id", head)
			.query(AuditEntries::map).optional().orElse(null);
		if (last != null && AuditLog.keyedHashOf(last, key).equals(last.hash())) {
			if (!written.isEmpty() && !checkpointHolds) {
				log.error("The last audit checkpoint in {} does not verify under the audit key: it was altered or forged."
						+ " Verify the chain at /audit/verify.", checkpoints.file().toAbsolutePath());
			}
			return;
		}
		if (checkpointHolds) {
			log.error("The last audit entry ({}) does not verify under the audit key, though the checkpoints do: the audit"
					+ " trail was altered in the database. Verify the chain at /audit/verify.", head);
			return;
		}
		throw wrongKey("the last audit entry (" + head + ") was not written with it");
	}

	private IllegalStateException wrongKey(String why) {
		return new IllegalStateException("The audit key from " + key.source() + " does not match this database's audit chain: "
				+ why + ". Configure the key the chain was written with (GRASSROOTS_AUDIT_KEY or grassroots.audit.key-file;"
				+ " the same key on every node).");
	}

}
