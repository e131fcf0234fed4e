package org.grassroots.audit.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The start-up check: the wrong key stops the application; the right one starts it. */
class AuditKeyCheckTests {

	private static final AuditKey KEY = new AuditKey(new byte[32]);

	private static final AuditKey WRONG = new AuditKey(new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
			9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});

	@TempDir
	Path dir;

	private SingleConnectionDataSource dataSource;

	private JdbcClient jdbc;

	private final Clock clock = Clock.fixed(Instant.parse("2026-12-05T08:00:00Z"), ZoneOffset.UTC);

	@BeforeEach
	void schema() throws Exception {
		dataSource = new SingleConnectionDataSource("jdbc:h2:mem:keycheck-" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
				"sa", "", true);
		jdbc = JdbcClient.create(dataSource);
		String v120 = new String(getClass().getResourceAsStream("/db/migration/audit/V1_2_0__audit.sql").readAllBytes());
		String v1148 = new String(getClass().getResourceAsStream("/db/migration/audit/V1_14_8__audit_chain_start.sql").readAllBytes());
		for (String sql : (v120 + "\n" + v1148).replaceAll("(?m)^--.*$", "").split(";")) {
			if (!sql.isBlank()) {
				jdbc.sql(sql).update();
			}
		}
	}

	@AfterEach
	void close() {
		dataSource.destroy();
	}

	private void appendWith(AuditKey key) {
		new AuditLog(jdbc, new JdbcTemplate(dataSource), clock, key).append(org.grassroots.audit.AuditAction.CREATE, "appeal",
				1, "/620799/", "one", null, java.util.Map.of("a", 1));
	}

	private AuditKeyCheck check(AuditKey key) {
		return new AuditKeyCheck(jdbc, key, new AuditCheckpoints(jdbc, key, clock, dir.resolve("cp.log").toString()));
	}

	@Test
	void the_key_the_chain_was_written_with_starts_and_another_one_does_not() {
		appendWith(KEY);
		assertThatCode(() -> check(KEY).run(null)).doesNotThrowAnyException();
		assertThatThrownBy(() -> check(WRONG).run(null)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("does not match this database's audit chain")
			.hasMessageContaining("GRASSROOTS_AUDIT_KEY");
	}

	@Test
	void an_empty_chain_checks_the_last_checkpoint_and_an_altered_entry_with_a_good_checkpoint_only_logs() throws Exception {
		assertThatCode(() -> check(WRONG).run(null)).doesNotThrowAnyException();
		appendWith(KEY);
		new AuditCheckpoints(jdbc, KEY, clock, dir.resolve("cp.log").toString()).write();
		org.assertj.core.api.Assertions.assertThat(Files.readString(dir.resolve("cp.log"))).startsWith("seq=1 ");
		jdbc.sql("UPDATE audit_entry SET summary = 'nothing happened'").update();
		assertThatCode(() -> check(KEY).run(null)).doesNotThrowAnyException();
		assertThatThrownBy(() -> check(WRONG).run(null)).isInstanceOf(IllegalStateException.class);
	}

}
