package org.grassroots.registry;

import java.util.Optional;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.privacy.IdNumber;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.PhoneNumber;
import org.grassroots.privacy.ProtectedValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds a resident of the caller's scope by identity or phone number, for other modules' intake forms
 * (an appeal entered for a resident). Personal numbers travel only in their protected form.
 */
@Component
public class ResidentDirectory {

	private final JdbcClient jdbc;
	private final PersonalDataProtector protector;

	ResidentDirectory(JdbcClient jdbc, PersonalDataProtector protector) {
		this.jdbc = jdbc;
		this.protector = protector;
	}

	public record ResidentRef(long id, String name, String regionCode, ProtectedValue phone) {
	}

	public Optional<ResidentRef> find(CurrentUser user, String idOrPhone) {
		user.require(Permission.REGISTRY_READ);
		if (idOrPhone == null) {
			return Optional.empty();
		}
		String q = idOrPhone.strip();
		String column;
		String hash;
		if (IdNumber.isValid(q)) {
			column = "id_number_hash";
			hash = protector.lookupHashOfIdNumber(q);
		}
		else if (PhoneNumber.isValid(q)) {
			column = "phone_hash";
			hash = protector.lookupHashOfPhone(q);
		}
		else {
			return Optional.empty();
		}
		return jdbc.sql("""
				SELECT r.id, r.name, g.code, r.phone_cipher, r.phone_hash, r.phone_masked, r.region_path
				FROM registry_resident r JOIN registry_household h ON h.id = r.household_id
				JOIN registry_region g ON g.id = h.region_id WHERE r.""" + column + " = :h ORDER BY r.id")
			.param("h", hash)
			.query((rs, i) -> user.covers(rs.getString(7)) ? new ResidentRef(rs.getLong(1), rs.getString(2), rs.getString(3),
					new ProtectedValue(rs.getString(4), rs.getString(5), rs.getString(6))) : null)
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.findFirst();
	}

	/** A resident of the caller's scope by id, with their protected phone. */
	public Optional<ResidentRef> byId(CurrentUser user, long id) {
		user.require(Permission.REGISTRY_READ);
		return jdbc.sql("""
				SELECT r.id, r.name, g.code, r.phone_cipher, r.phone_hash, r.phone_masked, r.region_path
				FROM registry_resident r JOIN registry_household h ON h.id = r.household_id
				JOIN registry_region g ON g.id = h.region_id WHERE r.id = :id""")
			.param("id", id)
			.query((rs, i) -> new Object[] {new ResidentRef(rs.getLong(1), rs.getString(2), rs.getString(3),
					new ProtectedValue(rs.getString(4), rs.getString(5), rs.getString(6))), rs.getString(7)})
			.optional()
			.filter(row -> user.covers((String) row[1]))
			.map(row -> (ResidentRef) row[0]);
	}

}
