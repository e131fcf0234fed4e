package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Scoped lists filter by a path prefix (LIKE '/…/%'). On PostgreSQL a plain index serves that only under a bytewise
 * collation; a database created with another (here an ICU locale, as a server installed in Chinese may be) gets
 * indexes in the pattern operator class from the migrations, and its scoped queries use them. A bytewise database
 * database whose collation is named C or POSIX does not pay for them; one under C.UTF-8 gets them too (PostgreSQL before 17
 * does not read a LIKE prefix from a plain index under it).
 */
class ScopeIndexesIntegrationTests extends IntegrationTestSupport {

	private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

	private static List<String> prefixIndexes(Connection c) throws Exception {
		List<String> names = new ArrayList<>();
		try (Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%\\_prefix\\_ix' ORDER BY indexname")) {
			while (rs.next()) {
				names.add(rs.getString(1));
			}
		}
		return names;
	}

	@Test
	void a_database_with_a_linguistic_collation_gets_prefix_indexes_and_its_scoped_counts_use_them() throws Exception {
		assumeTrue(onPostgres(), "collations and operator classes are PostgreSQL's");
		long made = jdbc.sql("SELECT COUNT(*) FROM pg_indexes WHERE indexname LIKE '%\\_prefix\\_ix'").query(Long.class).single();
		String collate = jdbc.sql("SELECT datcollate FROM pg_database WHERE datname = current_database()").query(String.class).single();
		if (List.of("C", "POSIX").contains(collate)) {
			assertThat(made).as("none on a database whose collation is named C").isZero();
		}
		else {
			// C.UTF-8 (the suite's database here) orders bytewise, but PostgreSQL before 17 reads LIKE prefixes from a
			// plain index only under a collation named C or POSIX (V1_20_4)
			assertThat(made).as("on the suite's database, collation %s", collate).isEqualTo(17);
		}

		String name = "gr_icu_" + Long.toHexString(System.nanoTime());
		try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
			admin.createStatement().execute("CREATE DATABASE " + name + " LOCALE_PROVIDER icu ICU_LOCALE 'zh' TEMPLATE template0");
		}
		try {
			Flyway.configure()
				.dataSource(SERVER + name, "postgres", "")
				.locations("classpath:db/migration", "classpath:db/postgres", "classpath:db/postgres-test")
				.load()
				.migrate();
			try (Connection c = DriverManager.getConnection(SERVER + name, "postgres", "")) {
				assertThat(prefixIndexes(c)).hasSize(17).contains("appeals_appeal_region_path_prefix_ix",
						"registry_resident_region_path_prefix_ix", "registry_region_path_prefix_ix",
						"dashboard_appeal_daily_region_path_prefix_ix");
				try (Statement s = c.createStatement()) {
					s.execute("SET enable_seqscan = off");
					StringBuilder plan = new StringBuilder();
					try (ResultSet rs = s.executeQuery(
							"EXPLAIN SELECT COUNT(*) FROM appeals_appeal a WHERE a.region_path LIKE '/620799/620799100/%'")) {
						while (rs.next()) {
							plan.append(rs.getString(1)).append('\n');
						}
					}
					assertThat(plan.toString()).contains("appeals_appeal_region_path_prefix_ix");
				}
			}
		}
		finally {
			try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
				admin.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
		}
	}

}
