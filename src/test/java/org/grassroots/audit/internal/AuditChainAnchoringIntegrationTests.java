package org.grassroots.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two rewrites that used to verify as intact (issue 18): the last entry deleted with the head rolled back, and an
 * entry changed with the plain chain recomputed; and on PostgreSQL, that the application's role cannot do either.
 */
class AuditChainAnchoringIntegrationTests extends IntegrationTestSupport {

	@Autowired
	AuditEntries entries;

	@Autowired
	AuditCheckpoints checkpoints;

	@Test
	void deleting_the_last_entry_and_rolling_the_head_back_is_reported_as_truncation() throws Exception {
		checkpoints.write();
		assertThat(Files.readString(checkpoints.file())).contains("seq=").contains("mac=");
		assertThat(entries.verify().intact()).isTrue();
		JdbcClient owner = ownerJdbc();
		long head = owner.sql("SELECT last_id FROM audit_chain_head WHERE id = 1").query(Long.class).single();
		Map<String, Object> last = owner.sql("SELECT * FROM audit_entry WHERE id = ?").param(head).query().singleRow();
		String lastHash = (String) last.get("hash");
		try {
			owner.sql("DELETE FROM audit_entry WHERE id = ?").param(head).update();
			owner.sql("UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1")
				.param(head - 1).param(last.get("prev_hash")).update();
			mvc.perform(get("/api/v1/audit/verify").with(as("supervisor")))
				.andExpect(jsonPath("$.intact").value(false))
				.andExpect(jsonPath("$.reason").value("truncated"))
				.andExpect(jsonPath("$.firstBrokenId").value(head));
			mvc.perform(post("/audit/verify").with(as("supervisor")).with(csrf()))
				.andExpect(content().string(org.hamcrest.Matchers.containsString("检查点")));
		}
		finally {
			restore(owner, last);
			owner.sql("UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1").param(head).param(lastHash).update();
		}
		assertThat(entries.verify().intact()).isTrue();
	}

	@Test
	void changing_an_entry_and_recomputing_the_plain_chain_is_reported_as_altered() throws Exception {
		checkpoints.write();
		JdbcClient owner = ownerJdbc();
		long head = owner.sql("SELECT last_id FROM audit_chain_head WHERE id = 1").query(Long.class).single();
		long target = head - 2;
		List<AuditRecord> originals = owner.sql("SELECT * FROM audit_entry WHERE id >= ? ORDER BY id").param(target)
			.query(AuditEntries::map).list();
		try {
			// what an intruder with the database but without the key does: change one entry, recompute every hash after it
			String previous = originals.get(0).prevHash();
			for (AuditRecord e : originals) {
				AuditRecord changed = new AuditRecord(e.id(), e.occurredAt(), e.actor(), e.clientAddress(), e.action(),
						e.entityType(), e.entityId(), e.regionPath(), e.id() == target ? "nothing happened" : e.summary(),
						e.beforeState(), e.afterState(), previous, null);
				String hash = AuditLog.hashOf(changed);
				owner.sql("UPDATE audit_entry SET summary = ?, prev_hash = ?, hash = ? WHERE id = ?")
					.param(changed.summary()).param(previous).param(hash).param(e.id()).update();
				previous = hash;
			}
			owner.sql("UPDATE audit_chain_head SET last_hash = ? WHERE id = 1").param(previous).update();
			mvc.perform(get("/api/v1/audit/verify").with(as("supervisor")))
				.andExpect(jsonPath("$.intact").value(false))
				.andExpect(jsonPath("$.reason").value("content"))
				.andExpect(jsonPath("$.firstBrokenId").value(target));
		}
		finally {
			for (AuditRecord e : originals) {
				owner.sql("UPDATE audit_entry SET summary = ?, prev_hash = ?, hash = ? WHERE id = ?")
					.param(e.summary()).param(e.prevHash()).param(e.hash()).param(e.id()).update();
			}
			owner.sql("UPDATE audit_chain_head SET last_hash = ? WHERE id = 1").param(originals.get(originals.size() - 1).hash())
				.update();
		}
		assertThat(entries.verify().intact()).isTrue();
	}

	@Test
	void on_postgresql_the_application_cannot_change_or_delete_the_trail() {
		assumeTrue(onPostgres(), "the restricted role exists on PostgreSQL only");
		assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("grassroots_app");
		long id = count("SELECT MIN(id) FROM audit_entry");
		assertThatThrownBy(() -> jdbc.sql("UPDATE audit_entry SET summary = 'nothing happened' WHERE id = ?").param(id).update())
			.isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
		assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_entry WHERE id = ?").param(id).update())
			.isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
		assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_entry").update())
			.isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
		assertThatThrownBy(() -> jdbc.sql("UPDATE audit_chain_start SET keyed_from = 999999").update())
			.isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
		assertThat(entries.verify().intact()).isTrue();
	}

	private static void restore(JdbcClient owner, Map<String, Object> row) {
		List<String> columns = new ArrayList<>(row.keySet());
		var spec = owner.sql("INSERT INTO audit_entry (" + String.join(", ", columns) + ") VALUES ("
				+ String.join(", ", columns.stream().map(c -> ":" + c).toList()) + ")");
		for (String c : columns) {
			spec = spec.param(c, row.get(c));
		}
		spec.update();
	}

}
