package org.grassroots.petitions.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The petition ledger and its figures: batches and headcount (批次/人次), 越级访 against the same period
 * a year before, repeats, cases closed on time, and open cases past their deadline.
 */
@Component
public class PetitionQueries {

	public record Filter(String q, String regionCode, Petition.Status status, Petition.Category category, Boolean leapfrog,
			Boolean overdue, String owner, LocalDate from, LocalDate to, Petition.Form form) {
	}

	public record Row(long id, String caseNumber, Petition.Form form, LocalDate receivedOn, int headcount, String matter,
			Petition.Category category, String regionName, Petition.Level levelReached, boolean leapfrog, boolean repeat,
			String ownerUsername, LocalDate dueOn, Petition.Status status, LocalDate closedOn, boolean overdue, int items,
			int itemsClosed) {
	}

	public record Count(long batches, long headcount) {
	}

	public record Figures(String regionCode, String regionName, LocalDate from, LocalDate to, Count received, Count leapfrog,
			Count leapfrogLastYear, Double leapfrogChange, Count lastYear, long repeats, long closed, long closedOnTime,
			long openOverdue, Map<Petition.Category, Count> byCategory, Map<Petition.Level, Count> byLevel,
			Map<Petition.Form, FormFigures> byForm) {
	}

	/**
	 * One form's 批次 and 人次 in the period and in the same period a year before, and the change of each in percent
	 * ((this − last) ÷ last × 100, two decimals; null when last year had none), as 武川 reports 接访 and 网上信访.
	 */
	public record FormFigures(Count received, Count lastYear, BigDecimal batchesChangePercent, BigDecimal headcountChangePercent) {
	}

	/** A close-out request waiting for someone's approval (待批准): the item (from 1), its evidence, who asked and when. */
	public record AwaitingApproval(long petitionId, String caseNumber, String regionName, String matter, LocalDate dueOn,
			String ownerUsername, int version, int item, String description, String evidence, String requestedBy,
			LocalDate requestedOn) {
	}

	private final JdbcClient jdbc;
	private final RegionTree regions;

	PetitionQueries(JdbcClient jdbc, RegionTree regions) {
		this.jdbc = jdbc;
		this.regions = regions;
	}

	public Page<Row> search(CurrentUser user, Filter filter, Pageable page) {
		user.require(Permission.PETITION_READ);
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(user, filter, params);
		long total = org.grassroots.shell.CountedPage.count(jdbc, "FROM petitions_petition p WHERE " + where, params);
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		List<Row> rows = regions.finish(jdbc.sql("""
				SELECT p.*, (SELECT COUNT(*) FROM petitions_item i WHERE i.petition_id = p.id) AS items,
				  (SELECT COUNT(*) FROM petitions_item i WHERE i.petition_id = p.id AND i.status = 'CLOSED') AS items_closed
				FROM petitions_petition p WHERE """ + " " + where + " ORDER BY p.received_on DESC, p.id DESC LIMIT :limit OFFSET :offset")
			.params(params).param("limit", page.getPageSize()).param("offset", page.getOffset())
			.query((rs, i) -> {
				LocalDate due = rs.getDate("due_on").toLocalDate();
				java.sql.Date closed = rs.getDate("closed_on");
				Petition.Status status = Petition.Status.valueOf(rs.getString("status"));
				long id = rs.getLong("id");
				String number = rs.getString("case_number");
				Petition.Form form = Petition.Form.valueOf(rs.getString("form"));
				LocalDate received = rs.getDate("received_on").toLocalDate();
				int headcount = rs.getInt("headcount");
				String matter = rs.getString("matter");
				Petition.Category category = Petition.Category.valueOf(rs.getString("category"));
				Petition.Level level = Petition.Level.valueOf(rs.getString("level_reached"));
				boolean leapfrog = rs.getBoolean("leapfrog");
				boolean repeat = rs.getObject("repeat_of") != null;
				String owner = rs.getString("owner_username");
				int items = rs.getInt("items");
				int itemsClosed = rs.getInt("items_closed");
				return regions.pending(rs.getLong("region_id"), (node, place) -> new Row(id, number, form, received, headcount,
						matter, category, node == null ? "" : node.name(), level, leapfrog, repeat, owner, due, status,
						closed == null ? null : closed.toLocalDate(), status == Petition.Status.OPEN && due.isBefore(today), items,
						itemsClosed));
			})
			.list());
		return org.grassroots.shell.CountedPage.of(rows, page, total);
	}

	/**
	 * The close-out requests within the user's scope that wait for their approval — someone else's requests only, as the
	 * workbench counts them — the longest waiting first, at most {@code limit}.
	 */
	public List<AwaitingApproval> awaitingApproval(CurrentUser user, int limit) {
		user.require(Permission.PETITION_APPROVE);
		return regions.finish(jdbc.sql("""
				SELECT p.id, p.case_number, p.region_id, p.matter, p.due_on, p.owner_username, p.version, i.item_key, i.description,
				  i.evidence, i.requested_by, i.requested_on
				FROM petitions_item i JOIN petitions_petition p ON p.id = i.petition_id
				WHERE p.region_path LIKE :scope AND i.status = 'REQUESTED' AND i.requested_by <> :me
				ORDER BY i.requested_on, p.id, i.item_key LIMIT :limit""")
			.param("scope", user.scopePattern()).param("me", user.username()).param("limit", limit)
			.query((rs, i) -> {
				long id = rs.getLong("id");
				String number = rs.getString("case_number");
				String matter = rs.getString("matter");
				LocalDate due = rs.getDate("due_on").toLocalDate();
				String owner = rs.getString("owner_username");
				int version = rs.getInt("version");
				int item = rs.getInt("item_key") + 1;
				String description = rs.getString("description");
				String evidence = rs.getString("evidence");
				String requestedBy = rs.getString("requested_by");
				LocalDate requestedOn = rs.getDate("requested_on") == null ? null : rs.getDate("requested_on").toLocalDate();
				return regions.pending(rs.getLong("region_id"), (node, place) -> new AwaitingApproval(id, number,
						node == null ? "" : node.name(), matter, due, owner, version, item, description, evidence, requestedBy,
						requestedOn));
			})
			.list());
	}

	/** How many close-out requests wait for the user's approval (all of them, not only those listed). */
	public long countAwaitingApproval(CurrentUser user) {
		user.require(Permission.PETITION_APPROVE);
		return jdbc.sql("""
				SELECT COUNT(*) FROM petitions_item i JOIN petitions_petition p ON p.id = i.petition_id
				WHERE p.region_path LIKE :scope AND i.status = 'REQUESTED' AND i.requested_by <> :me""")
			.param("scope", user.scopePattern()).param("me", user.username())
			.query(Long.class).single();
	}

	private String where(CurrentUser user, Filter filter, Map<String, Object> params) {
		StringBuilder where = new StringBuilder("p.region_path LIKE :scope");
		params.put("scope", user.scopePattern());
		if (StringUtils.hasText(filter.regionCode())) {
			RegionNode node = regions.byCode(filter.regionCode().strip()).orElseThrow(OutOfScopeException::new);
			user.requireInScope(node.path());
			where.append(" AND p.region_path LIKE :node");
			params.put("node", node.path() + "%");
		}
		if (StringUtils.hasText(filter.q())) {
			where.append(" AND (p.case_number LIKE :q OR p.matter LIKE :q)");
			params.put("q", "%" + filter.q().strip() + "%");
		}
		if (filter.status() != null) {
			where.append(" AND p.status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.category() != null) {
			where.append(" AND p.category = :category");
			params.put("category", filter.category().name());
		}
		if (filter.form() != null) {
			where.append(" AND p.form = :form");
			params.put("form", filter.form().name());
		}
		if (Boolean.TRUE.equals(filter.leapfrog())) {
			where.append(" AND p.leapfrog = TRUE");
		}
		if (Boolean.TRUE.equals(filter.overdue())) {
			where.append(" AND p.status = 'OPEN' AND p.due_on < :today");
			params.put("today", LocalDate.now(WorkingCalendar.ZONE));
		}
		if (StringUtils.hasText(filter.owner())) {
			where.append(" AND p.owner_username = :owner");
			params.put("owner", filter.owner().strip());
		}
		if (filter.from() != null) {
			where.append(" AND p.received_on >= :from");
			params.put("from", filter.from());
		}
		if (filter.to() != null) {
			where.append(" AND p.received_on <= :to");
			params.put("to", filter.to());
		}
		return where.toString();
	}

	public Figures figures(CurrentUser user, String regionCode, LocalDate from, LocalDate to) {
		user.require(Permission.PETITION_READ);
		RegionNode node = regions.byCode(StringUtils.hasText(regionCode) ? regionCode.strip() : user.regionCode())
			.orElseThrow(OutOfScopeException::new);
		user.requireInScope(node.path());
		String path = node.path() + "%";
		Count received = count(path, from, to, "");
		Count leapfrog = count(path, from, to, " AND leapfrog = TRUE");
		Count lastYear = count(path, from.minusYears(1), to.minusYears(1), "");
		Count leapfrogLastYear = count(path, from.minusYears(1), to.minusYears(1), " AND leapfrog = TRUE");
		Double change = leapfrogLastYear.batches() == 0 ? null
				: Math.round((leapfrog.batches() - leapfrogLastYear.batches()) * 10000.0 / leapfrogLastYear.batches()) / 10000.0;
		long repeats = count(path, from, to, " AND repeat_of IS NOT NULL").batches();
		long closed = count(path, from, to, " AND status = 'CLOSED'").batches();
		long onTime = count(path, from, to, " AND status = 'CLOSED' AND closed_on <= due_on").batches();
		long overdue = jdbc.sql("SELECT COUNT(*) FROM petitions_petition WHERE region_path LIKE :p AND status = 'OPEN' AND due_on < :today")
			.param("p", path).param("today", LocalDate.now(WorkingCalendar.ZONE)).query(Long.class).single();
		Map<Petition.Category, Count> byCategory = new EnumMap<>(Petition.Category.class);
		Map<Petition.Level, Count> byLevel = new EnumMap<>(Petition.Level.class);
		jdbc.sql("""
				SELECT category, level_reached, COUNT(*), COALESCE(SUM(headcount), 0) FROM petitions_petition
				WHERE region_path LIKE :p AND received_on >= :f AND received_on <= :t GROUP BY category, level_reached""")
			.param("p", path).param("f", from).param("t", to)
			.query((rs, i) -> {
				Petition.Category c = Petition.Category.valueOf(rs.getString(1));
				Petition.Level l = Petition.Level.valueOf(rs.getString(2));
				byCategory.merge(c, new Count(rs.getLong(3), rs.getLong(4)), (a, b) -> new Count(a.batches() + b.batches(), a.headcount() + b.headcount()));
				byLevel.merge(l, new Count(rs.getLong(3), rs.getLong(4)), (a, b) -> new Count(a.batches() + b.batches(), a.headcount() + b.headcount()));
				return null;
			})
			.list();
		return new Figures(node.code(), node.name(), from, to, received, leapfrog, leapfrogLastYear, change, lastYear, repeats, closed,
				onTime, overdue, byCategory, byLevel, byForm(path, from, to));
	}

	/** Every form, with or without petitions, in one statement: the period's rows and last year's, grouped apart. */
	private Map<Petition.Form, FormFigures> byForm(String path, LocalDate from, LocalDate to) {
		Map<Petition.Form, Count> now = new EnumMap<>(Petition.Form.class);
		Map<Petition.Form, Count> before = new EnumMap<>(Petition.Form.class);
		// two selects rather than one with a CASE: a period longer than a year overlaps the year before it
		jdbc.sql("""
				SELECT 0, form, COUNT(*), COALESCE(SUM(headcount), 0) FROM petitions_petition
				WHERE region_path LIKE :p AND received_on >= :f AND received_on <= :t GROUP BY form
				UNION ALL
				SELECT 1, form, COUNT(*), COALESCE(SUM(headcount), 0) FROM petitions_petition
				WHERE region_path LIKE :p AND received_on >= :lf AND received_on <= :lt GROUP BY form""")
			.param("p", path).param("f", from).param("t", to).param("lf", from.minusYears(1)).param("lt", to.minusYears(1))
			.query((rs, i) -> (rs.getInt(1) == 0 ? now : before).put(Petition.Form.valueOf(rs.getString(2)),
					new Count(rs.getLong(3), rs.getLong(4))))
			.list();
		Map<Petition.Form, FormFigures> byForm = new EnumMap<>(Petition.Form.class);
		Count none = new Count(0, 0);
		for (Petition.Form form : Petition.Form.values()) {
			Count c = now.getOrDefault(form, none);
			Count l = before.getOrDefault(form, none);
			byForm.put(form, new FormFigures(c, l, changePercent(c.batches(), l.batches()), changePercent(c.headcount(), l.headcount())));
		}
		return byForm;
	}

	/** (this − last) ÷ last × 100 to two decimals, halves away from zero; null when there was nothing last year. */
	static BigDecimal changePercent(long now, long last) {
		return last == 0 ? null
				: BigDecimal.valueOf(now - last).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(last), 2, RoundingMode.HALF_UP);
	}

	private Count count(String path, LocalDate from, LocalDate to, String condition) {
		return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(headcount), 0) FROM petitions_petition WHERE region_path LIKE :p"
				+ " AND received_on >= :f AND received_on <= :t" + condition)
			.param("p", path).param("f", from).param("t", to)
			.query((rs, i) -> new Count(rs.getLong(1), rs.getLong(2)))
			.single();
	}

}
