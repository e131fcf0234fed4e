package org.grassroots.disputes.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.disputes.DisputeStatus;
import org.grassroots.disputes.DisputeType;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Lists of cases and the figures the reports quote: 化解率 (settled of all received) and 调解成功率
 * (settled of those mediated to an end, settled or not; referrals are neither), by type and level.
 */
@Component
public class DisputeQueries {

	public record Filter(String q, String regionCode, DisputeStatus status, DisputeType type, LocalDate from, LocalDate to,
			Boolean boundary) {
	}

	public record Row(long id, String caseNumber, DisputeType type, DisputeStatus status, DisputeCase.Risk risk, String summary,
			String regionName, LocalDate receivedOn, LocalDate closedOn, boolean shared, DisputeCase.Level level,
			LocalDate followUpDue, Boolean followUpHolds) {
	}

	public record Line(long received, long settled, long notSettled, long referred, long open, double resolutionRate,
			double mediationRate) {

		static Line of(long received, long settled, long notSettled, long referred) {
			return new Line(received, settled, notSettled, referred, received - settled - notSettled - referred,
					rate(settled, received), rate(settled, settled + notSettled));
		}

	}

	public record Figures(String regionCode, String regionName, LocalDate from, LocalDate to, Line total,
			Map<DisputeType, Line> byType, Map<DisputeCase.Level, Line> byLevel, Line boundary, long followUpsDue) {
	}

	private final JdbcClient jdbc;
	private final RegionTree regions;

	DisputeQueries(JdbcClient jdbc, RegionTree regions) {
		this.jdbc = jdbc;
		this.regions = regions;
	}

	static double rate(long part, long whole) {
		return whole == 0 ? 0 : Math.round(part * 10000.0 / whole) / 10000.0;
	}

	public Page<Row> search(CurrentUser user, Filter filter, Pageable page) {
		user.require(Permission.DISPUTE_READ);
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(user, filter, params);
		long total = org.grassroots.shell.CountedPage.count(jdbc, "FROM disputes_case c WHERE " + where, params);
		List<Row> rows = regions.finish(jdbc.sql("SELECT c.* FROM disputes_case c WHERE " + where
				+ " ORDER BY c.received_on DESC, c.id DESC LIMIT :limit OFFSET :offset")
			.params(params).param("limit", page.getPageSize()).param("offset", page.getOffset())
			.query((rs, i) -> row(rs))
			.list());
		return org.grassroots.shell.CountedPage.of(rows, page, total);
	}

	/** A row read, named with its region's name once every row is read ({@link RegionTree.Pending}). */
	private RegionTree.Pending<Row> row(java.sql.ResultSet rs) throws java.sql.SQLException {
		java.sql.Date closed = rs.getDate("closed_on");
		java.sql.Date due = rs.getDate("follow_up_due");
		long id = rs.getLong("id");
		String number = rs.getString("case_number");
		DisputeType type = DisputeType.valueOf(rs.getString("type"));
		DisputeStatus status = DisputeStatus.valueOf(rs.getString("status"));
		DisputeCase.Risk risk = DisputeCase.Risk.valueOf(rs.getString("risk"));
		String summary = rs.getString("summary");
		java.time.LocalDate received = rs.getDate("received_on").toLocalDate();
		boolean partnered = rs.getString("partner_region_path") != null;
		DisputeCase.Level level = DisputeCase.Level.valueOf(rs.getString("level"));
		Boolean holds = rs.getObject("follow_up_holds", Boolean.class);
		return regions.pending(rs.getLong("region_id"), (node, place) -> new Row(id, number, type, status, risk, summary,
				node == null ? "" : node.name(), received, closed == null ? null : closed.toLocalDate(), partnered, level,
				due == null ? null : due.toLocalDate(), holds));
	}

	private String where(CurrentUser user, Filter filter, Map<String, Object> params) {
		StringBuilder where = new StringBuilder("(c.region_path LIKE :scope OR c.partner_region_path LIKE :scope)");
		params.put("scope", user.scopePattern());
		if (StringUtils.hasText(filter.regionCode())) {
			RegionNode node = regions.byCode(filter.regionCode().strip()).orElseThrow(OutOfScopeException::new);
			user.requireInScope(node.path());
			where.append(" AND (c.region_path LIKE :node OR c.partner_region_path LIKE :node)");
			params.put("node", node.path() + "%");
		}
		if (StringUtils.hasText(filter.q())) {
			where.append(" AND (c.case_number LIKE :q OR c.summary LIKE :q)");
			params.put("q", "%" + filter.q().strip() + "%");
		}
		if (filter.status() != null) {
			where.append(" AND c.status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.type() != null) {
			where.append(" AND c.type = :type");
			params.put("type", filter.type().name());
		}
		if (filter.from() != null) {
			where.append(" AND c.received_on >= :from");
			params.put("from", filter.from());
		}
		if (filter.to() != null) {
			where.append(" AND c.received_on <= :to");
			params.put("to", filter.to());
		}
		if (Boolean.TRUE.equals(filter.boundary())) {
			where.append(" AND c.partner_region_path IS NOT NULL");
		}
		return where.toString();
	}

	/** Cases received in [from, to] at or beneath a node (the case's own place; a partner township does not count it). */
	public Figures figures(CurrentUser user, String regionCode, LocalDate from, LocalDate to) {
		user.require(Permission.DISPUTE_READ);
		RegionNode node = regions.byCode(StringUtils.hasText(regionCode) ? regionCode.strip() : user.regionCode())
			.orElseThrow(OutOfScopeException::new);
		user.requireInScope(node.path());
		Map<DisputeType, long[]> byType = new EnumMap<>(DisputeType.class);
		Map<DisputeCase.Level, long[]> byLevel = new EnumMap<>(DisputeCase.Level.class);
		long[] total = new long[4];
		long[] boundary = new long[4];
		jdbc.sql("""
				SELECT type, level, status, partner_region_path IS NOT NULL, COUNT(*) FROM disputes_case
				WHERE region_path LIKE :p AND received_on >= :f AND received_on <= :t GROUP BY type, level, status, partner_region_path IS NOT NULL""")
			.param("p", node.path() + "%").param("f", from).param("t", to)
			.query((rs, i) -> {
				DisputeStatus status = DisputeStatus.valueOf(rs.getString(3));
				long n = rs.getLong(5);
				List<long[]> into = new ArrayList<>(List.of(total,
						byType.computeIfAbsent(DisputeType.valueOf(rs.getString(1)), k -> new long[4]),
						byLevel.computeIfAbsent(DisputeCase.Level.valueOf(rs.getString(2)), k -> new long[4])));
				if (rs.getBoolean(4)) {
					into.add(boundary);
				}
				for (long[] counts : into) {
					counts[0] += n;
					counts[1] += status == DisputeStatus.SETTLED ? n : 0;
					counts[2] += status == DisputeStatus.NOT_SETTLED ? n : 0;
					counts[3] += status == DisputeStatus.REFERRED ? n : 0;
				}
				return null;
			})
			.list();
		Map<DisputeType, Line> types = new EnumMap<>(DisputeType.class);
		byType.forEach((k, v) -> types.put(k, Line.of(v[0], v[1], v[2], v[3])));
		Map<DisputeCase.Level, Line> levels = new EnumMap<>(DisputeCase.Level.class);
		byLevel.forEach((k, v) -> levels.put(k, Line.of(v[0], v[1], v[2], v[3])));
		long followUpsDue = jdbc.sql("""
				SELECT COUNT(*) FROM disputes_case WHERE region_path LIKE :p AND status = 'SETTLED' AND follow_up_on IS NULL
				AND follow_up_due <= :today""")
			.param("p", node.path() + "%").param("today", LocalDate.now(org.grassroots.calendar.WorkingCalendar.ZONE))
			.query(Long.class).single();
		return new Figures(node.code(), node.name(), from, to, Line.of(total[0], total[1], total[2], total[3]), types, levels,
				Line.of(boundary[0], boundary[1], boundary[2], boundary[3]), followUpsDue);
	}

}
