package org.grassroots.shell;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * A prefix written so that an index can find it: a scope's path, a name's beginning. Every scoped read says
 * {@code region_path LIKE '/…/620799100201/%'}.
 * PostgreSQL reads such a LIKE from a btree only under the "C" or "POSIX" collation (or through the pattern indexes
 * V1_20_1 makes on other collations); under "C.UTF-8" — bytewise in its order, but not "C" by name before
 * PostgreSQL 17 — the LIKE became a filter over a whole index: a village's first page of residents walked 249,000
 * other residents first (1 s). Where the database orders text bytewise (H2; PostgreSQL under C, POSIX or C.UTF-8
 * without ICU) the same scope is also said as a range, {@code >= '/…/620799100201/' AND < '/…/6207991002010'}, which
 * every btree on the path serves, its order included; elsewhere the range could leave rows out, so only the LIKE is
 * said.
 */
@Component
public class Prefixes {

	private final DataSource dataSource;

	private volatile Boolean bytewise;

	Prefixes(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** The condition that {@code column} begins with what is bound as {@code :name} (by {@link #bindPath} or {@link #bindTyped}). */
	public String condition(String column, String name) {
		return column + " LIKE :" + name + (bytewise() ? " AND " + column + " >= :" + name + "From AND " + column + " < :" + name + "To" : "");
	}

	/** Binds a scope pattern ({@code "/…/code/%"}) for {@link #condition} under {@code name}. */
	public void bindPath(Map<String, Object> params, String name, String pattern) {
		bind(params, name, pattern, pattern.endsWith("%") ? pattern.substring(0, pattern.length() - 1) : pattern);
	}

	/**
	 * Binds the beginning of a text as a person typed it ("王伟": names beginning so) for {@link #condition}: its % and
	 * _ are matched as typed.
	 */
	public void bindTyped(Map<String, Object> params, String name, String typed) {
		bind(params, name, escapeLike(typed) + "%", typed);
	}

	/** What a person typed, for a LIKE that matches it as typed: % and _ are not wildcards (the escape is \\). */
	public static String escapeLike(String typed) {
		return typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private void bind(Map<String, Object> params, String name, String pattern, String from) {
		params.put(name, pattern);
		if (bytewise()) {
			params.put(name + "From", from);
			// the first text after every text beginning so: its last character raised by one
			params.put(name + "To", from.isEmpty() ? "\uffff" : from.substring(0, from.length() - 1) + (char) (from.charAt(from.length() - 1) + 1));
		}
	}

	boolean bytewise() {
		Boolean known = bytewise;
		if (known == null) {
			known = detect();
			if (known == null) {
				// not known yet (the database unreachable): the LIKE alone, which is always right; asked again next time
				return false;
			}
			bytewise = known;
		}
		return known;
	}

	private Boolean detect() {
		try (Connection c = dataSource.getConnection()) {
			String product = c.getMetaData().getDatabaseProductName();
			if (!"PostgreSQL".equalsIgnoreCase(product)) {
				// H2 compares text by its UTF-16 units: for paths of digits and '/', bytewise
				return true;
			}
			String sql = c.getMetaData().getDatabaseMajorVersion() >= 15
					? "SELECT datcollate, datlocprovider <> 'i' FROM pg_database WHERE datname = current_database()"
					: "SELECT datcollate, TRUE FROM pg_database WHERE datname = current_database()";
			try (var statement = c.createStatement(); var rs = statement.executeQuery(sql)) {
				rs.next();
				String collate = rs.getString(1);
				return rs.getBoolean(2) && java.util.Set.of("C", "POSIX", "C.UTF-8", "C.utf8").contains(collate);
			}
		}
		catch (SQLException ex) {
			return null;
		}
	}

}
