package org.grassroots.registry;

import java.util.Optional;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A household of the caller's scope as other modules see it (the field worker's visit). */
@Component
public class HouseholdDirectory {

	private final JdbcClient jdbc;

	HouseholdDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record HouseholdRef(long id, String address, long regionId, String regionCode, String regionPath) {
	}

	public Optional<HouseholdRef> find(CurrentUser user, long id) {
		user.require(Permission.REGISTRY_READ);
		return jdbc.sql("""
				SELECT h.id, h.address, g.id, g.code, h.region_path FROM registry_household h
				JOIN registry_region g ON g.id = h.region_id WHERE h.id = :id""")
			.param("id", id)
			.query((rs, i) -> new HouseholdRef(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)))
			.optional()
			.filter(h -> user.covers(h.regionPath()));
	}

}
