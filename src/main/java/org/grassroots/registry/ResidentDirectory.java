package org.grassroots.registry;

import java.util.List;
import java.util.Map;
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
	private final RegionTree regions;

	ResidentDirectory(JdbcClient jdbc, PersonalDataProtector protector, RegionTree regions) {
		this.jdbc = jdbc;
		this.protector = protector;
		this.regions = regions;
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

	/**
	 * A resident as a picker shows them (a party to a dispute, a petitioner): where they live and the phone masked.
	 * Never the identity number, never the phone itself.
	 */
	public record ResidentMatch(long id, String name, long householdId, String address, String townshipName, String villageName,
			String gridName, String phoneMasked) {

		/** The address as a document writes it, with its township and village: 清河镇高庙村1组12号. */
		public String postalAddress() {
			String full = villageName == null || address.startsWith(villageName) ? address : villageName + address;
			return townshipName == null || full.startsWith(townshipName) ? full : townshipName + full;
		}

		/** "高庙村 第一网格 · 高庙村1组12号": the household as people know it. */
		public String place() {
			String where = villageName == null ? "" : gridName == null ? villageName : villageName + " " + gridName;
			return where.isEmpty() ? address : where + " · " + address;
		}

	}

	/** How many matches a search answers at most. */
	public static final int SEARCH_LIMIT = 20;

	/**
	 * Residents of the caller's scope (living there or away, not moved out or deceased) whose name or household address
	 * contains {@code text}: an exact name first, then names that begin with it, then the rest; those living beneath
	 * {@code near} (the case's village, say) before others of the scope. At most {@code limit} (≤ {@link #SEARCH_LIMIT}).
	 */
	public List<ResidentMatch> search(CurrentUser user, String text, String near, int limit) {
		user.require(Permission.REGISTRY_READ);
		String q = text == null ? "" : text.strip();
		if (q.isEmpty()) {
			return List.of();
		}
		String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		String nearPattern = near != null && user.covers(near) ? near + "%" : user.scopePattern();
		List<Object[]> rows = jdbc.sql("""
				SELECT r.id, r.name, h.id, h.address, r.region_path, r.phone_masked FROM registry_resident r
				JOIN registry_household h ON h.id = r.household_id
				WHERE r.region_path LIKE :scope AND r.status IN ('PRESENT', 'AWAY')
				AND (r.name LIKE :q ESCAPE '\\' OR h.address LIKE :q ESCAPE '\\')
				ORDER BY CASE WHEN r.region_path LIKE :near THEN 0 ELSE 1 END,
				CASE WHEN r.name = :exact THEN 0 WHEN r.name LIKE :prefix ESCAPE '\\' THEN 1 ELSE 2 END, r.region_path, r.name, r.id
				LIMIT :limit""")
			.param("scope", user.scopePattern())
			.param("q", like)
			.param("near", nearPattern)
			.param("exact", q)
			.param("prefix", like.substring(1))
			.param("limit", Math.max(1, Math.min(limit, SEARCH_LIMIT)))
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6)})
			.list();
		// places named once the rows are read, together: a look-up from the row mapper takes a second connection
		Map<String, RegionNode> places = regions.byCodes(rows.stream()
			.flatMap(row -> java.util.Arrays.stream(((String) row[4]).substring(1).split("/")).skip(1).limit(3))
			.collect(java.util.stream.Collectors.toSet()));
		return rows.stream()
			.map(row -> match((Long) row[0], (String) row[1], (Long) row[2], (String) row[3], (String) row[4], (String) row[5], places))
			.toList();
	}

	/** One resident of the caller's scope as a picker shows them, once picked. */
	public Optional<ResidentMatch> match(CurrentUser user, long id) {
		user.require(Permission.REGISTRY_READ);
		return jdbc.sql("""
				SELECT r.id, r.name, h.id, h.address, r.region_path, r.phone_masked FROM registry_resident r
				JOIN registry_household h ON h.id = r.household_id WHERE r.id = :id""")
			.param("id", id)
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6)})
			.optional()
			.filter(row -> user.covers((String) row[4]))
			.map(row -> match((Long) row[0], (String) row[1], (Long) row[2], (String) row[3], (String) row[4], (String) row[5]));
	}

	/** The village and grid named from the household's path (county/township/village/grid/…), read from the kept tree. */
	private ResidentMatch match(long id, String name, long householdId, String address, String path, String phoneMasked) {
		return match(id, name, householdId, address, path, phoneMasked,
				regions.byCodes(java.util.Arrays.stream(path.substring(1).split("/")).skip(1).limit(3).toList()));
	}

	private static ResidentMatch match(long id, String name, long householdId, String address, String path, String phoneMasked,
			Map<String, RegionNode> places) {
		String[] codes = path.substring(1).split("/");
		String township = codes.length > 1 && places.containsKey(codes[1]) ? places.get(codes[1]).name() : null;
		String village = codes.length > 2 && places.containsKey(codes[2]) ? places.get(codes[2]).name() : null;
		String grid = codes.length > 3 && places.containsKey(codes[3]) ? places.get(codes[3]).name() : null;
		return new ResidentMatch(id, name, householdId, address, township, village, grid, phoneMasked);
	}

}
