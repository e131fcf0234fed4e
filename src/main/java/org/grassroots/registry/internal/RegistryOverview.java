package org.grassroots.registry.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Counts for a subtree: the home page and the region page show them. */
@Component
public class RegistryOverview {

	private final JdbcClient jdbc;

	RegistryOverview(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Overview(long villages, long grids, long households, long residents, long partyMembers,
			long memberLinks, List<TagCount> tags) {
	}

	public record TagCount(String code, String nameZh, String nameEn, long residents) {
	}

	public Overview of(String path) {
		String p = path + "%";
		long villages = count("SELECT COUNT(*) FROM registry_region WHERE path LIKE :p AND type IN ('VILLAGE','COMMUNITY')", p);
		long grids = count("SELECT COUNT(*) FROM registry_region WHERE path LIKE :p AND type = 'GRID'", p);
		long households = count("SELECT COUNT(*) FROM registry_household WHERE region_path LIKE :p AND status <> 'MOVED_OUT'", p);
		long residents = count("SELECT COUNT(*) FROM registry_resident WHERE region_path LIKE :p AND status <> 'MOVED_OUT' AND status <> 'DECEASED'", p);
		long members = count("SELECT COUNT(*) FROM registry_party_member WHERE region_path LIKE :p", p);
		long links = count("""
				SELECT COUNT(*) FROM registry_member_household l JOIN registry_party_member m ON m.id = l.member_id
				WHERE m.region_path LIKE :p""", p);
		List<TagCount> tags = jdbc.sql("""
				SELECT t.code, t.name_zh, t.name_en,
				  (SELECT COUNT(*) FROM registry_resident_tag rt JOIN registry_resident r ON r.id = rt.resident_id
				   WHERE rt.tag_code = t.code AND r.region_path LIKE :p) AS residents
				FROM registry_tag t WHERE t.applies_to = 'RESIDENT' ORDER BY t.sort_order""")
			.param("p", p)
			.query((rs, i) -> new TagCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
			.list();
		return new Overview(villages, grids, households, residents, members, links, tags);
	}

	private long count(String sql, String pattern) {
		return jdbc.sql(sql).param("p", pattern).query(Long.class).single();
	}

}
