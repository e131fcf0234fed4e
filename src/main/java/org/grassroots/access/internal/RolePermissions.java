package org.grassroots.access.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.grassroots.access.AccountChanged;
import org.grassroots.access.Permission;
import org.grassroots.access.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The editable role → permission table. A change ends the sessions of the role's accounts. */
@Component
public class RolePermissions {

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final SessionTermination sessions;

	RolePermissions(JdbcClient jdbc, ApplicationEventPublisher events, SessionTermination sessions) {
		this.jdbc = jdbc;
		this.events = events;
		this.sessions = sessions;
	}

	public Set<Permission> of(Role role) {
		Set<Permission> permissions = EnumSet.noneOf(Permission.class);
		jdbc.sql("SELECT permission FROM access_role_permission WHERE role = :role")
			.param("role", role.name())
			.query(String.class)
			.list()
			.forEach(p -> permissions.add(Permission.valueOf(p)));
		return permissions;
	}

	public Map<Role, Set<Permission>> all() {
		Map<Role, Set<Permission>> table = new EnumMap<>(Role.class);
		for (Role role : Role.values()) {
			table.put(role, of(role));
		}
		return table;
	}

	@Transactional
	public void replace(Role role, Set<Permission> permissions) {
		Set<Permission> before = of(role);
		if (role == Role.ADMIN && !permissions.contains(Permission.ACCOUNT_ADMIN)) {
			throw new org.grassroots.shell.InputRejected("permissions", "access.roles.adminKeepsAccountAdmin");
		}
		jdbc.sql("DELETE FROM access_role_permission WHERE role = :role").param("role", role.name()).update();
		for (Permission permission : permissions) {
			jdbc.sql("INSERT INTO access_role_permission (role, permission) VALUES (:role, :permission)")
				.param("role", role.name())
				.param("permission", permission.name())
				.update();
		}
		Map<String, Object> b = new LinkedHashMap<>();
		b.put("permissions", new TreeSet<>(before.stream().map(Enum::name).toList()));
		Map<String, Object> a = new LinkedHashMap<>();
		a.put("permissions", new TreeSet<>(permissions.stream().map(Enum::name).toList()));
		events.publishEvent(new AccountChanged("UPDATE", "role", role.name(), null, "role permissions", b, a));
		if (!before.equals(permissions)) {
			sessions.endSessionsOfRole(role.name());
		}
	}

}
