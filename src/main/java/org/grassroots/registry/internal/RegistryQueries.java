package org.grassroots.registry.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.privacy.IdNumber;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.PhoneNumber;
import org.springframework.data.domain.Page;

import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.grassroots.shell.Ledger;
import org.grassroots.shell.Prefixes;

/**
 * The registry's lists: every query is limited to the caller's region subtree, optionally narrowed
 * to a node inside it, and filtered; the same query feeds the page, the API and the Excel ledger.
 */
@Component
public class RegistryQueries {

	/** Rows a ledger reads at a time. */
	static final int LEDGER_CHUNK = 2_000;

	private final JdbcClient jdbc;
	private final Regions regions;
	private final PersonalDataProtector protector;

	/**
	 * Whole ID or phone numbers one person may look up an hour ({@code grassroots.registry.exact-searches-per-hour},
	 * 30): enough for a cadre's day at the desk, far too few to recover a masked number by trying its hidden digits.
	 */
	private final int exactSearchesPerHour;

	private final Prefixes paths;

	private final org.grassroots.audit.AuditTrail audit;
	private final java.time.Clock clock;

	RegistryQueries(JdbcClient jdbc, Regions regions, PersonalDataProtector protector, org.grassroots.audit.AuditTrail audit,
			java.time.Clock clock, Prefixes paths,
			@org.springframework.beans.factory.annotation.Value("${grassroots.registry.exact-searches-per-hour:30}") int exactSearchesPerHour) {
		this.exactSearchesPerHour = exactSearchesPerHour;
		this.paths = paths;
		this.audit = audit;
		this.clock = clock;
		this.jdbc = jdbc;
		this.regions = regions;
		this.protector = protector;
	}

	public record HouseholdFilter(String q, String regionCode, String tag, Household.Status status) {
	}

	public record ResidentFilter(String q, String regionCode, String tag, Resident.Gender gender,
			Resident.PoliticalStatus politicalStatus, Resident.Status status) {
	}

	public record MemberFilter(String q, String regionCode, Long orgId, Boolean mobile) {
	}

	public record OrganisationFilter(String regionCode, PartyOrganisation.Type type) {
	}

	public record HouseholdRow(long id, String address, String regionCode, String regionName, String headName,
			int members, Household.Status status, Set<String> tags) {
	}

	/** A resident in a list: the birth year and age, never the birth date (it narrows a masked ID number to a few). */
	public record ResidentRow(long id, String name, Resident.Gender gender, int birthYear, int age, String idNumberMasked,
			String phoneMasked, Resident.Relation relation, Resident.PoliticalStatus politicalStatus, Resident.Status status,
			Long householdId, String address, String regionName, Set<String> tags) {
	}

	public record MemberRow(long id, long residentId, String name, String orgName, LocalDate joinedOn, String posts,
			boolean mobile, int linked, int target, String regionName) {
	}

	public record OrganisationRow(long id, String name, PartyOrganisation.Type type, String regionName, String parentName,
			int members, String secretaryName) {
	}

	public Page<HouseholdRow> households(CurrentUser user, HouseholdFilter f, Pageable page) {
		Criteria c = householdCriteria(user, f);
		long total = c.count(jdbc, HOUSEHOLD_FROM);
		List<HouseholdRow> rows = c.select(jdbc, HOUSEHOLD_SELECT + HOUSEHOLD_FROM, "h.region_path, h.id", page)
			.query((rs, i) -> householdRow(rs))
			.list();
		return org.grassroots.shell.CountedPage.of(rows, page, total);
	}

	/**
	 * Every household the filter picks, for the ledger, in the list's order (by place), read a chunk at a time after the
	 * last one read.
	 */
	public Ledger.Rows<HouseholdRow> householdLedger(CurrentUser user, HouseholdFilter f) {
		return byPlace(householdCriteria(user, f), "h", HOUSEHOLD_SELECT, HOUSEHOLD_FROM, HouseholdRow::id,
				(rs, i) -> householdRow(rs));
	}

	private Criteria householdCriteria(CurrentUser user, HouseholdFilter f) {
		String scope = scope(user, f.regionCode());
		Criteria c = new Criteria(paths, scope, "h.region_path");
		if (StringUtils.hasText(f.q())) {
			// the address anywhere in it; the head by name as residents are found by name (its beginning beyond a
			// village), read from the residents' own index rather than joined for every household of the scope
			String head = c.nameCondition("hn.name", "headName", f.q().strip());
			c.and("(h.address LIKE :q OR h.head_resident_id IN (SELECT hn.id FROM registry_resident hn WHERE "
					+ paths.condition("hn.region_path", "scope") + " AND " + head + "))", "q", "%" + Prefixes.escapeLike(f.q().strip()) + "%");
		}
		if (StringUtils.hasText(f.tag())) {
			c.and("EXISTS (SELECT 1 FROM registry_household_tag t WHERE t.household_id = h.id AND t.tag_code = :tag)", "tag", f.tag());
		}
		if (f.status() != null) {
			c.and("h.status = :status", "status", f.status().name());
		}
		return c;
	}

	private static final String HOUSEHOLD_SELECT = """
			SELECT h.id, h.address, g.code AS region_code, g.name AS region_name, hr.name AS head_name, h.status,
			  (SELECT COUNT(*) FROM registry_resident m WHERE m.household_id = h.id AND m.status <> 'MOVED_OUT') AS members,
			  (SELECT STRING_AGG(t.tag_code, ',') FROM registry_household_tag t WHERE t.household_id = h.id) AS tags""";

	private static final String HOUSEHOLD_FROM = """

			FROM registry_household h
			JOIN registry_region g ON g.id = h.region_id
			LEFT JOIN registry_resident hr ON hr.id = h.head_resident_id""";

	private static HouseholdRow householdRow(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new HouseholdRow(rs.getLong("id"), rs.getString("address"), rs.getString("region_code"), rs.getString("region_name"),
				rs.getString("head_name"), rs.getInt("members"), Household.Status.valueOf(rs.getString("status")), tags(rs.getString("tags")));
	}

	/**
	 * Finding a resident by a whole ID or phone number says whether that number belongs to someone: it is a view of
	 * personal data. It needs the reveal right, is kept in the audit trail like an unmasked view, and is limited per
	 * person and hour — otherwise a masked number ("152****1909") is recovered by trying the hidden digits.
	 */
	private void exactSearch(CurrentUser user, String field) {
		if (!user.can(org.grassroots.access.Permission.PERSONAL_DATA_REVEAL)) {
			throw new org.grassroots.shell.InputRejected("q", "registry.search.exactNeedsReveal");
		}
		long lastHour = audit.countMine("resident_search", user.username(), clock.instant().minus(java.time.Duration.ofHours(1)));
		if (lastHour >= exactSearchesPerHour) {
			throw new org.grassroots.shell.InputRejected("q", "registry.search.exactTooMany");
		}
		audit.revealed("resident_search", null, user.regionPath(), field);
	}

	public Page<ResidentRow> residents(CurrentUser user, ResidentFilter f, Pageable page) {
		Criteria c = residentCriteria(user, f);
		long total = c.count(jdbc, RESIDENT_FROM);
		LocalDate today = LocalDate.now(clock);
		List<ResidentRow> rows = c.select(jdbc, RESIDENT_SELECT + RESIDENT_FROM, "r.region_path, r.household_id, r.id", page)
			.query((rs, i) -> residentRow(rs, today))
			.list();
		return org.grassroots.shell.CountedPage.of(rows, page, total);
	}

	/**
	 * Every resident the filter picks, for the ledger, by place, read a chunk at a time after the last one read (an
	 * exact ID or phone search is checked and audited once, not per chunk).
	 */
	public Ledger.Rows<ResidentRow> residentLedger(CurrentUser user, ResidentFilter f) {
		LocalDate today = LocalDate.now(clock);
		return byPlace(residentCriteria(user, f), "r", RESIDENT_SELECT, RESIDENT_FROM, ResidentRow::id, (rs, i) -> residentRow(rs, today));
	}

	/**
	 * A ledger's rows by place (path, then id), a chunk at a time: each chunk starts after the last row read. The
	 * criteria are checked once, by the caller, before the first byte is sent.
	 */
	private <T> Ledger.Rows<T> byPlace(Criteria c, String alias, String select, String from, java.util.function.ToLongFunction<T> id,
			org.springframework.jdbc.core.RowMapper<T> row) {
		String[] lastPath = { null };
		return Ledger.Rows.inChunks(LEDGER_CHUNK, after -> {
			Criteria chunk = c.copy();
			if (after != null) {
				chunk.and("(" + alias + ".region_path > :afterPath OR (" + alias + ".region_path = :afterPath AND " + alias + ".id > :afterId))",
						"afterPath", lastPath[0]);
				chunk.param("afterId", id.applyAsLong(after));
			}
			return chunk.first(jdbc, select + ", " + alias + ".region_path AS ledger_path" + from, alias + ".region_path, " + alias + ".id",
					LEDGER_CHUNK)
				.query((rs, i) -> {
					lastPath[0] = rs.getString("ledger_path");
					return row.mapRow(rs, i);
				})
				.list();
		});
	}

	/**
	 * Whether a name is found by any part of it in this scope (a village, a grid) or only by its beginning (a township,
	 * the county). Anywhere in a name cannot be read from an index (Chinese names are two or three characters, too
	 * short for trigrams), so it reads every name of the scope: a village's few thousand, not a county's half million.
	 */
	public boolean findsNamesAnywhere(CurrentUser user, String regionCode) {
		return anywhere(scope(user, regionCode));
	}

	/**
	 * The list rail's note for a search (a message key), or null: beyond a village a name typed is found by its
	 * beginning only, and the residents' and households' pages say so above their results.
	 */
	public String searchNote(CurrentUser user, String q, String regionCode) {
		return StringUtils.hasText(q) && !findsNamesAnywhere(user, regionCode) ? "registry.search.namesByBeginning" : null;
	}

	private static boolean anywhere(String scopePattern) {
		// "/county/township/village/%": three places named
		return scopePattern.chars().filter(ch -> ch == '/').count() - 1 >= 3;
	}

	private Criteria residentCriteria(CurrentUser user, ResidentFilter f) {
		String scope = scope(user, f.regionCode());
		Criteria c = new Criteria(paths, scope, "r.region_path");
		if (StringUtils.hasText(f.q())) {
			String q = f.q().strip();
			if (IdNumber.isValid(q)) {
				exactSearch(user, "idNumber");
				c.and("r.id_number_hash = :idHash", "idHash", protector.lookupHashOfIdNumber(q));
			}
			else if (PhoneNumber.isValid(q)) {
				exactSearch(user, "phone");
				c.and("r.phone_hash = :phoneHash", "phoneHash", protector.lookupHashOfPhone(q));
			}
			else {
				c.and(c.nameCondition("r.name", "q", q));
			}
		}
		if (StringUtils.hasText(f.tag())) {
			c.and("EXISTS (SELECT 1 FROM registry_resident_tag t WHERE t.resident_id = r.id AND t.tag_code = :tag)", "tag", f.tag());
		}
		if (f.gender() != null) {
			c.and("r.gender = :gender", "gender", f.gender().name());
		}
		if (f.politicalStatus() != null) {
			c.and("r.political_status = :ps", "ps", f.politicalStatus().name());
		}
		if (f.status() != null) {
			c.and("r.status = :status", "status", f.status().name());
		}
		return c;
	}

	private static final String RESIDENT_SELECT = """
			SELECT r.id, r.name, r.gender, r.birth_date, r.id_number_masked, r.phone_masked, r.relation, r.political_status,
			  r.status, r.household_id, h.address, g.name AS region_name,
			  (SELECT STRING_AGG(t.tag_code, ',') FROM registry_resident_tag t WHERE t.resident_id = r.id) AS tags""";

	private static final String RESIDENT_FROM = """

			FROM registry_resident r
			LEFT JOIN registry_household h ON h.id = r.household_id
			LEFT JOIN registry_region g ON g.id = h.region_id""";

	private static ResidentRow residentRow(java.sql.ResultSet rs, LocalDate today) throws java.sql.SQLException {
		LocalDate born = rs.getObject("birth_date", LocalDate.class);
		return new ResidentRow(rs.getLong("id"), rs.getString("name"), Resident.Gender.valueOf(rs.getString("gender")), born.getYear(),
				java.time.Period.between(born, today).getYears(), rs.getString("id_number_masked"), rs.getString("phone_masked"),
				Resident.Relation.valueOf(rs.getString("relation")), Resident.PoliticalStatus.valueOf(rs.getString("political_status")),
				Resident.Status.valueOf(rs.getString("status")), rs.getObject("household_id", Long.class), rs.getString("address"),
				rs.getString("region_name"), tags(rs.getString("tags")));
	}

	public Page<MemberRow> members(CurrentUser user, MemberFilter f, Pageable page) {
		Criteria c = new Criteria(paths, scope(user, f.regionCode()), "m.region_path");
		if (StringUtils.hasText(f.q())) {
			c.and("r.name LIKE :q", "q", "%" + f.q().strip() + "%");
		}
		if (f.orgId() != null) {
			c.and("(o.id = :org OR o.path LIKE (SELECT p.path FROM registry_party_org p WHERE p.id = :org) || '%')", "org", f.orgId());
		}
		if (f.mobile() != null) {
			c.and("m.mobile = :mobile", "mobile", f.mobile());
		}
		long total = c.count(jdbc, MEMBER_FROM);
		List<MemberRow> rows = c.select(jdbc, MEMBER_SELECT + MEMBER_FROM, "o.path, r.name, m.id", page)
			.query(RegistryQueries::memberRow)
			.list();
		return org.grassroots.shell.CountedPage.of(rows, page, total);
	}

	public Page<OrganisationRow> organisations(CurrentUser user, OrganisationFilter f, Pageable page) {
		Criteria c = new Criteria(paths, scope(user, f.regionCode()), "o.region_path");
		if (f.type() != null) {
			c.and("o.type = :type", "type", f.type().name());
		}
		String from = """
				FROM registry_party_org o
				JOIN registry_region g ON g.id = o.region_id
				LEFT JOIN registry_party_org p ON p.id = o.parent_id""";
		long total = c.count(jdbc, from);
		List<OrganisationRow> rows = c.select(jdbc, """
				SELECT o.id, o.name, o.type, g.name AS region_name, p.name AS parent_name, o.secretary_name,
				  (SELECT COUNT(*) FROM registry_party_member m WHERE m.org_id = o.id) AS members
				""" + from, "o.path", page)
			.query((rs, i) -> new OrganisationRow(rs.getLong("id"), rs.getString("name"),
					PartyOrganisation.Type.valueOf(rs.getString("type")), rs.getString("region_name"),
					rs.getString("parent_name"), rs.getInt("members"), rs.getString("secretary_name")))
			.list();
		return org.grassroots.shell.CountedPage.of(rows, page, total);
	}

	/** Households a member serves, and members serving a household, for the detail pages. */
	public List<HouseholdRow> householdsServedBy(CurrentUser user, PartyMember member) {
		if (member.households.isEmpty()) {
			return List.of();
		}
		List<Long> ids = new ArrayList<>(member.getHouseholdIds());
		return jdbc.sql("""
				SELECT h.id, h.address, g.code AS region_code, g.name AS region_name, hr.name AS head_name, h.status, h.region_path
				FROM registry_household h JOIN registry_region g ON g.id = h.region_id
				LEFT JOIN registry_resident hr ON hr.id = h.head_resident_id
				WHERE h.id IN (:ids) ORDER BY h.address""")
			.param("ids", ids)
			.query((rs, i) -> user.covers(rs.getString("region_path")) ? new HouseholdRow(rs.getLong("id"), rs.getString("address"),
					rs.getString("region_code"), rs.getString("region_name"), rs.getString("head_name"), 0,
					Household.Status.valueOf(rs.getString("status")), Set.of()) : null)
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.toList();
	}

	/** Households the member could take on: in the branch's area, not linked to them, unserved ones first. */
	public List<HouseholdRow> householdsToServe(CurrentUser user, PartyMember member) {
		if (!user.covers(member.regionPath)) {
			return List.of();
		}
		return jdbc.sql("""
				SELECT h.id, h.address, g.code AS region_code, g.name AS region_name, hr.name AS head_name, h.status,
				  (SELECT COUNT(*) FROM registry_member_household l WHERE l.household_id = h.id) AS served
				FROM registry_household h JOIN registry_region g ON g.id = h.region_id
				LEFT JOIN registry_resident hr ON hr.id = h.head_resident_id
				WHERE h.region_path LIKE :p AND h.status <> 'MOVED_OUT'
				  AND NOT EXISTS (SELECT 1 FROM registry_member_household l WHERE l.household_id = h.id AND l.member_id = :m)
				ORDER BY served, h.id LIMIT 300""")
			.param("p", member.regionPath + "%")
			.param("m", member.id)
			.query((rs, i) -> new HouseholdRow(rs.getLong("id"), rs.getString("address"), rs.getString("region_code"),
					rs.getString("region_name"), rs.getString("head_name"), rs.getInt("served"),
					Household.Status.valueOf(rs.getString("status")), Set.of()))
			.list();
	}

	public List<MemberRow> membersServing(CurrentUser user, long householdId) {
		Criteria c = new Criteria(paths, user.scopePattern(), "m.region_path");
		c.and("EXISTS (SELECT 1 FROM registry_member_household l WHERE l.member_id = m.id AND l.household_id = :hh)", "hh", householdId);
		return members(user, c);
	}

	private List<MemberRow> members(CurrentUser user, Criteria c) {
		return c.select(jdbc, MEMBER_SELECT + MEMBER_FROM, "r.name", Pageable.ofSize(100))
			.query(RegistryQueries::memberRow)
			.list();
	}

	public List<Long> memberIdsOf(long householdId) {
		return jdbc.sql("SELECT id FROM registry_resident WHERE household_id = :h ORDER BY id").param("h", householdId)
			.query(Long.class)
			.list();
	}

	/** The LIKE pattern for the list: the user's scope, or a node inside it. */
	private String scope(CurrentUser user, String regionCode) {
		user.require(Permission.REGISTRY_READ);
		if (!StringUtils.hasText(regionCode)) {
			return user.scopePattern();
		}
		Region node = regions.findByCode(regionCode.strip()).orElseThrow(OutOfScopeException::new);
		user.requireInScope(node.path);
		return node.path + "%";
	}

	private static final String MEMBER_SELECT = """
				SELECT m.id, m.resident_id, r.name, o.name AS org_name, m.joined_on, m.posts, m.mobile, m.target_households,
				  g.name AS region_name,
				  (SELECT COUNT(*) FROM registry_member_household l WHERE l.member_id = m.id) AS linked
				""";

	private static final String MEMBER_FROM = """
			FROM registry_party_member m
			JOIN registry_resident r ON r.id = m.resident_id
			JOIN registry_party_org o ON o.id = m.org_id
			JOIN registry_region g ON g.id = o.region_id""";

	private static MemberRow memberRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new MemberRow(rs.getLong("id"), rs.getLong("resident_id"), rs.getString("name"), rs.getString("org_name"),
				rs.getObject("joined_on", LocalDate.class), rs.getString("posts"), rs.getBoolean("mobile"), rs.getInt("linked"),
				rs.getInt("target_households"), rs.getString("region_name"));
	}

	private static Set<String> tags(String csv) {
		return csv == null || csv.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(csv.split(",")));
	}

	/** A WHERE clause built from the scope and the filters that were given. */
	private static final class Criteria {

		private final StringBuilder where = new StringBuilder();
		private final Map<String, Object> params = new LinkedHashMap<>();

		private Prefixes paths;

		private String scopePattern;

		Criteria(Prefixes paths, String scopePattern, String pathColumn) {
			this.paths = paths;
			this.scopePattern = scopePattern;
			where.append(" WHERE ").append(paths.condition(pathColumn, "scope"));
			paths.bindPath(params, "scope", scopePattern);
		}

		void and(String condition, String name, Object value) {
			where.append(" AND ").append(condition);
			params.put(name, value);
		}

		void and(String condition) {
			where.append(" AND ").append(condition);
		}

		/**
		 * A name as typed, its values bound as {@code name}: anywhere in it within a village or grid, by its beginning
		 * (which the name's index serves) beyond.
		 */
		String nameCondition(String column, String name, String typed) {
			if (anywhere(scopePattern)) {
				params.put(name, "%" + Prefixes.escapeLike(typed) + "%");
				return column + " LIKE :" + name;
			}
			paths.bindTyped(params, name, typed);
			return paths.condition(column, name);
		}

		/** How many rows, counted up to one beyond {@link org.grassroots.shell.CountedPage#CAP}. */
		long count(JdbcClient jdbc, String from) {
			return org.grassroots.shell.CountedPage.count(jdbc, from + where, params);
		}

		void param(String name, Object value) {
			params.put(name, value);
		}

		/** The same conditions, to add to without changing these. */
		Criteria copy() {
			Criteria copy = new Criteria();
			copy.paths = paths;
			copy.scopePattern = scopePattern;
			copy.where.append(where);
			copy.params.putAll(params);
			return copy;
		}

		private Criteria() {
		}

		/** The first {@code limit} rows in this order (no offset: a ledger's chunks start after the last row read). */
		JdbcClient.StatementSpec first(JdbcClient jdbc, String selectFrom, String orderBy, int limit) {
			return jdbc.sql(selectFrom + where + " ORDER BY " + orderBy + " LIMIT :limit").params(params).param("limit", limit);
		}

		JdbcClient.StatementSpec select(JdbcClient jdbc, String selectFrom, String orderBy, Pageable page) {
			return jdbc.sql(selectFrom + where + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset")
				.params(params)
				.param("limit", page.getPageSize())
				.param("offset", page.getOffset());
		}

	}

}
