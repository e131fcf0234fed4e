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

	/** A household with residents carrying care tags (空巢老人, 低保 …), for visit planning. */
	public record KeyGroupHousehold(long id, String address, String regionCode, String regionPath, java.util.Set<String> tags) {
	}

	/** How many households (not moved out) each node of a subtree holds, by the node's path. */
	public long countIn(String path) {
		return jdbc.sql("SELECT COUNT(*) FROM registry_household WHERE region_path LIKE :p AND status <> 'MOVED_OUT'")
			.param("p", path + "%").query(Long.class).single();
	}

	/** How often households with each tag should be visited, in days, for the tags that say (the tags page). */
	public java.util.Map<String, Integer> visitIntervals() {
		java.util.Map<String, Integer> intervals = new java.util.HashMap<>();
		jdbc.sql("SELECT code, visit_interval_days FROM registry_tag WHERE visit_interval_days IS NOT NULL")
			.query((rs, i) -> intervals.put(rs.getString(1), rs.getInt(2)))
			.list();
		return intervals;
	}

	/** Tag codes to names in a language. */
	public java.util.Map<String, String> tagNames(java.util.Locale locale) {
		java.util.Map<String, String> names = new java.util.HashMap<>();
		jdbc.sql("SELECT code, name_zh, name_en FROM registry_tag")
			.query((rs, i) -> new String[] {rs.getString(1), "en".equals(locale.getLanguage()) ? rs.getString(3) : rs.getString(2)})
			.list()
			.forEach(t -> names.put(t[0], t[1]));
		return names;
	}

	public java.util.List<KeyGroupHousehold> keyGroups(CurrentUser user) {
		return keyGroups(user, user.regionPath());
	}

	/** As {@link #keyGroups(CurrentUser)}, beneath one node of the caller's scope only (the one a page shows). */
	public java.util.List<KeyGroupHousehold> keyGroups(CurrentUser user, String path) {
		user.require(Permission.REGISTRY_READ);
		user.requireInScope(path);
		java.util.Map<Long, KeyGroupHousehold> byId = new java.util.LinkedHashMap<>();
		jdbc.sql("""
				SELECT h.id, h.address, g.code, h.region_path, t.tag_code FROM registry_household h
				JOIN registry_region g ON g.id = h.region_id
				JOIN registry_resident r ON r.household_id = h.id AND r.status IN ('PRESENT', 'AWAY')
				JOIN registry_resident_tag t ON t.resident_id = r.id
				WHERE h.region_path LIKE :p AND h.status <> 'MOVED_OUT' ORDER BY h.region_path, h.id""")
			.param("p", path + "%")
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)})
			.list()
			.forEach(row -> byId.computeIfAbsent((Long) row[0], id -> new KeyGroupHousehold(id, (String) row[1], (String) row[2],
					(String) row[3], new java.util.TreeSet<>())).tags().add((String) row[4]));
		return java.util.List.copyOf(byId.values());
	}

	/** The households (not moved out) beneath a node of the caller's scope, in tree order. */
	public java.util.List<HouseholdRef> within(CurrentUser user, String path) {
		user.require(Permission.REGISTRY_READ);
		user.requireInScope(path);
		return jdbc.sql("""
				SELECT h.id, h.address, g.id, g.code, h.region_path FROM registry_household h
				JOIN registry_region g ON g.id = h.region_id WHERE h.region_path LIKE :p AND h.status <> 'MOVED_OUT' ORDER BY h.region_path, h.id""")
			.param("p", path + "%")
			.query((rs, i) -> new HouseholdRef(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)))
			.list();
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

	/** A party member's link to a household they serve (党员联系户). */
	public record MemberLink(long memberId, String memberName, long householdId, String address, String regionPath) {
	}

	/** The 党员联系户 links of the members under {@code path}, within the caller's scope, by member. */
	public java.util.List<MemberLink> memberLinks(CurrentUser user, String path) {
		user.require(Permission.REGISTRY_READ);
		user.requireInScope(path);
		return jdbc.sql("""
				SELECT m.id, r.name, h.id, h.address, h.region_path FROM registry_member_household l
				JOIN registry_party_member m ON m.id = l.member_id
				JOIN registry_resident r ON r.id = m.resident_id
				JOIN registry_household h ON h.id = l.household_id
				WHERE m.region_path LIKE :p AND h.status <> 'MOVED_OUT' ORDER BY m.region_path, r.name, m.id, h.id""")
			.param("p", path + "%")
			.query((rs, i) -> new MemberLink(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)))
			.list();
	}

	/** Addresses of the given households that lie in the caller's scope. */
	public java.util.Map<Long, String> addresses(CurrentUser user, java.util.Collection<Long> ids) {
		user.require(Permission.REGISTRY_READ);
		java.util.Map<Long, String> addresses = new java.util.HashMap<>();
		java.util.List<Long> all = java.util.List.copyOf(new java.util.HashSet<>(ids));
		for (int i = 0; i < all.size(); i += 500) {
			jdbc.sql("SELECT id, address FROM registry_household WHERE id IN (:ids) AND region_path LIKE :p")
				.param("ids", all.subList(i, Math.min(all.size(), i + 500))).param("p", user.scopePattern())
				.query((rs, n) -> addresses.put(rs.getLong(1), rs.getString(2)))
				.list();
		}
		return addresses;
	}

}
