package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A prefix said as a LIKE and, where text is ordered bytewise, as the range that finds exactly the same rows. */
class PrefixesTests {

	private final JdbcDataSource h2 = new JdbcDataSource();

	{
		h2.setURL("jdbc:h2:mem:prefixes;MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
	}

	@Test
	void a_path_and_a_typed_beginning_are_bound_as_a_like_and_the_range_after_it() {
		Prefixes prefixes = new Prefixes(h2);
		Map<String, Object> params = new LinkedHashMap<>();
		prefixes.bindPath(params, "scope", "/620799000000/620799100000/%");
		prefixes.bindTyped(params, "q", "王_%");
		assertThat(params).containsEntry("scope", "/620799000000/620799100000/%")
			.containsEntry("scopeFrom", "/620799000000/620799100000/")
			.containsEntry("scopeTo", "/620799000000/6207991000000")
			.containsEntry("q", "王\\_\\%%")
			.containsEntry("qFrom", "王_%")
			.containsEntry("qTo", "王_&");
		assertThat(prefixes.condition("r.name", "q")).isEqualTo("r.name LIKE :q AND r.name >= :qFrom AND r.name < :qTo");
	}

	@Test
	void the_range_finds_exactly_what_the_like_finds() {
		Prefixes prefixes = new Prefixes(h2);
		JdbcClient jdbc = JdbcClient.create(h2);
		jdbc.sql("CREATE TABLE IF NOT EXISTS t (v VARCHAR(100))").update();
		jdbc.sql("DELETE FROM t").update();
		for (String v : List.of("/1/", "/1/2/", "/1/2/3/", "/1/20/", "/1/2", "/1/3/", "/10/", "王伟", "王伟华", "王", "王位", "王_%x", "王_a")) {
			jdbc.sql("INSERT INTO t VALUES (?)").param(v).update();
		}
		Map<String, Object> params = new LinkedHashMap<>();
		prefixes.bindPath(params, "p", "/1/2/%");
		assertThat(jdbc.sql("SELECT v FROM t WHERE " + prefixes.condition("v", "p") + " ORDER BY v").params(params).query(String.class).list())
			.containsExactly("/1/2/", "/1/2/3/");
		params.clear();
		prefixes.bindTyped(params, "q", "王伟");
		assertThat(jdbc.sql("SELECT v FROM t WHERE " + prefixes.condition("v", "q") + " ORDER BY v").params(params).query(String.class).list())
			.containsExactly("王伟", "王伟华");
		params.clear();
		prefixes.bindTyped(params, "q", "王_%");
		assertThat(jdbc.sql("SELECT v FROM t WHERE " + prefixes.condition("v", "q")).params(params).query(String.class).list())
			.containsExactly("王_%x");
	}

}
