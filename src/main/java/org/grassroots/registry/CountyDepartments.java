package org.grassroots.registry;

import java.util.List;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditTrail;
import org.grassroots.shell.InputRejected;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * A county's departments (职能部门: 县民政局, 县住建局 …) as records: the township whistles (吹哨) them by picking from this
 * list, never by typing a name nobody answers to, and a department account belongs to one of them.
 */
@Component
public class CountyDepartments {

	/** The longest name a department may have (the whistle's and the account's column). */
	public static final int NAME_MAX = 64;

	private final JdbcClient jdbc;
	private final AuditTrail audit;

	CountyDepartments(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	public record Department(long id, String name, boolean active) {
	}

	/** The active departments of the county a region lies in, in their order. */
	public List<String> namesFor(String regionPath) {
		return jdbc.sql("SELECT name FROM registry_department WHERE county_path = :c AND active = TRUE ORDER BY sort_order, id")
			.param("c", countyOf(regionPath)).query(String.class).list();
	}

	/** Every department of the county, switched off ones too (for the admin's list). */
	public List<Department> all(CurrentUser user) {
		user.require(Permission.REGISTRY_READ);
		return jdbc.sql("SELECT id, name, active FROM registry_department WHERE county_path = :c ORDER BY sort_order, id")
			.param("c", countyOf(user.regionPath()))
			.query((rs, i) -> new Department(rs.getLong(1), rs.getString(2), rs.getBoolean(3))).list();
	}

	/** A new department of the admin's county (or an old one switched on again). */
	@Transactional
	public void add(CurrentUser admin, String name) {
		admin.require(Permission.REGISTRY_CONFIGURE);
		String n = name == null ? "" : name.strip();
		if (n.isEmpty()) {
			throw new InputRejected("name", "validation.required");
		}
		if (n.length() > NAME_MAX) {
			throw new InputRejected("name", "validation.tooLong");
		}
		String county = countyOf(admin.regionPath());
		int updated = jdbc.sql("UPDATE registry_department SET active = TRUE WHERE county_path = :c AND name = :n")
			.param("c", county).param("n", n).update();
		if (updated == 0) {
			jdbc.sql("""
					INSERT INTO registry_department (county_path, name, sort_order)
					SELECT :c, :n, COALESCE(MAX(sort_order), 0) + 10 FROM registry_department WHERE county_path = :c""")
				.param("c", county).param("n", n).update();
		}
		audit.updated("department", null, county, org.grassroots.audit.AuditTrail.summary("departmentAdded", n), null, java.util.Map.of("name", n, "active", true));
	}

	/** Switched off: no longer offered to whistle; past whistles keep its name. */
	@Transactional
	public void switchOff(CurrentUser admin, long id) {
		admin.require(Permission.REGISTRY_CONFIGURE);
		String county = countyOf(admin.regionPath());
		String name = jdbc.sql("SELECT name FROM registry_department WHERE id = :id AND county_path = :c").param("id", id).param("c", county)
			.query(String.class).optional().orElseThrow(org.grassroots.access.OutOfScopeException::new);
		jdbc.sql("UPDATE registry_department SET active = FALSE WHERE id = :id").param("id", id).update();
		audit.updated("department", id, county, org.grassroots.audit.AuditTrail.summary("departmentOff", name), java.util.Map.of("active", true),
				java.util.Map.of("active", false));
	}

	/** Seeds a county's departments once (the demo county). */
	@Transactional
	public void seed(String countyPath, List<String> names) {
		int order = 10;
		for (String name : names) {
			jdbc.sql("""
					INSERT INTO registry_department (county_path, name, sort_order)
					SELECT :c, :n, :o WHERE NOT EXISTS (SELECT 1 FROM registry_department WHERE county_path = :c AND name = :n)""")
				.param("c", countyPath).param("n", name).param("o", order).update();
			order += 10;
		}
	}

	/** The county a path lies in: its first node ("/620799000000/"). */
	static String countyOf(String path) {
		if (!StringUtils.hasText(path) || path.length() < 2) {
			return path;
		}
		int end = path.indexOf('/', 1);
		return end < 0 ? path : path.substring(0, end + 1);
	}

}
