package org.grassroots.appeals.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.AppealRating;
import org.grassroots.appeals.AppealStatus;
import org.grassroots.registry.RegionTree;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/** The appeal lists, scoped to the caller's subtree and filtered. */
@Component
public class AppealQueries {

	private final JdbcClient jdbc;
	private final RegionTree regions;
	private final java.time.Clock clock;

	AppealQueries(JdbcClient jdbc, RegionTree regions, java.time.Clock clock) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.clock = clock;
	}

	/** {@code level} is the level holding an appeal now; {@code resolvedLevel} the level that resolved it. */
	public record AppealFilter(String q, String regionCode, AppealStatus status, String categoryCode, AppealChannel channel,
			AppealLevel level, Boolean overdue, java.time.LocalDate from, java.time.LocalDate to, AppealLevel resolvedLevel) {
	}

	public record AppealRow(long id, String trackingCode, AppealChannel channel, String categoryCode, String description,
			String regionName, AppealStatus status, AppealLevel level, Instant submittedAt, Instant resolutionDue,
			boolean overdue, AppealLevel resolvedLevel) {
	}

	public Page<AppealRow> search(CurrentUser user, AppealFilter f, Pageable page) {
		return search(user, f, page, org.grassroots.shell.Keyset.Seek.NONE);
	}

	/**
	 * A page of the list, newest first; read from a position ({@code seek}: after the previous page's last row, or before
	 * the next page's first) when the caller came from a neighbouring page, so that a deep page does not skip the rows in
	 * front of it. The page says where its own neighbours start ({@link org.grassroots.shell.CountedPage#next}).
	 */
	public Page<AppealRow> search(CurrentUser user, AppealFilter f, Pageable page, org.grassroots.shell.Keyset.Seek seek) {
		Map<String, Object> params = new LinkedHashMap<>();
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		String where = where(user, f, params, now);
		return search(where, params, now, page, seek);
	}

	/** How a 12345 ticket number is kept in external_ref. */
	private static final String HOTLINE_REF = "12345:";

	private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[A-Za-z0-9-]{4,64}");

	/** Text shaped like a tracking code or a ticket number (letters, digits, dashes; no spaces nor Chinese). */
	static boolean looksLikeANumber(String q) {
		return NUMBER.matcher(q).matches();
	}

	/** Whether an appeal of the scope has this tracking code or 12345 number: two unique-index probes. */
	private boolean exactlyFound(String q, String scope) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM appeals_appeal a
				WHERE (a.tracking_code = :code OR a.external_ref = :ref) AND a.region_path LIKE :scope""")
			.param("code", q.toUpperCase()).param("ref", HOTLINE_REF + q).param("scope", scope)
			.query(Long.class).single() > 0;
	}

	/** The filter as a WHERE clause within the user's scope (the region asked for must lie in it), its values into params. */
	private String where(CurrentUser user, AppealFilter f, Map<String, Object> params, OffsetDateTime now) {
		user.require(Permission.APPEAL_READ);
		String scope = user.scopePattern();
		if (StringUtils.hasText(f.regionCode())) {
			var node = regions.byCode(f.regionCode().strip()).orElseThrow(OutOfScopeException::new);
			user.requireInScope(node.path());
			scope = node.path() + "%";
		}
		StringBuilder where = new StringBuilder(" WHERE a.region_path LIKE :scope");
		params.put("scope", scope);
		if (StringUtils.hasText(f.q())) {
			String q = f.q().strip();
			if (looksLikeANumber(q) && exactlyFound(q, scope)) {
				// a tracking code or a 12345 ticket number: found through their unique indexes, never OR-ed with a scan
				// of the descriptions (which walks the whole scope when the planner cannot use either index)
				where.append(" AND (a.tracking_code = :code OR a.external_ref = :ref)");
				params.put("code", q.toUpperCase());
				params.put("ref", HOTLINE_REF + q);
			}
			else {
				where.append(" AND a.description LIKE :q");
				params.put("q", "%" + q + "%");
			}
		}
		if (f.status() != null) {
			where.append(" AND a.status = :status");
			params.put("status", f.status().name());
		}
		if (StringUtils.hasText(f.categoryCode())) {
			where.append(" AND a.category_code = :category");
			params.put("category", f.categoryCode());
		}
		if (f.channel() != null) {
			where.append(" AND a.channel = :channel");
			params.put("channel", f.channel().name());
		}
		if (f.level() != null) {
			where.append(" AND a.level = :level");
			params.put("level", f.level().name());
		}
		if (f.resolvedLevel() != null) {
			// a reopened appeal has no resolved level until it is resolved again
			where.append(" AND a.resolved_level = :resolvedLevel");
			params.put("resolvedLevel", f.resolvedLevel().name());
		}
		if (f.from() != null) {
			where.append(" AND a.submitted_at >= :from");
			params.put("from", f.from().atStartOfDay(org.grassroots.calendar.WorkingCalendar.ZONE).toOffsetDateTime());
		}
		if (f.to() != null) {
			where.append(" AND a.submitted_at < :to");
			params.put("to", f.to().plusDays(1).atStartOfDay(org.grassroots.calendar.WorkingCalendar.ZONE).toOffsetDateTime());
		}
		if (Boolean.TRUE.equals(f.overdue())) {
			where.append(" AND a.status IN ('SUBMITTED','ACCEPTED','IN_PROGRESS') AND a.resolution_due < :now");
			params.put("now", now);
		}
		return where.toString();
	}

	private Page<AppealRow> search(String where, Map<String, Object> params, OffsetDateTime now, Pageable page,
			org.grassroots.shell.Keyset.Seek seek) {
		long counted = org.grassroots.shell.CountedPage.count(jdbc, "FROM appeals_appeal a" + where, params);
		Map<String, Object> read = new LinkedHashMap<>(params);
		if (!seek.isNone()) {
			read.put("seekAt", OffsetDateTime.ofInstant(seek.position().at(), ZoneOffset.UTC));
			read.put("seekId", seek.position().id());
		}
		// region names come from the registry's API, not its tables, once the rows are read (RegionTree.Pending)
		List<AppealRow> rows = regions.finish(jdbc.sql("""
				SELECT a.id, a.tracking_code, a.channel, a.category_code, a.description, a.region_id, a.status,
				  a.level, a.submitted_at, a.resolution_due, a.resolved_level
				FROM appeals_appeal a""" + where + seek.condition("a.submitted_at", "a.id") + seek.order("a.submitted_at", "a.id")
				+ " LIMIT :limit OFFSET :offset")
			.params(read)
			.param("limit", page.getPageSize())
			.param("offset", seek.isNone() ? page.getOffset() : 0)
			.query((rs, i) -> {
				AppealStatus status = AppealStatus.valueOf(rs.getString("status"));
				Instant due = rs.getObject("resolution_due", OffsetDateTime.class).toInstant();
				String text = rs.getString("description");
				long id = rs.getLong("id");
				String code = rs.getString("tracking_code");
				AppealChannel channel = AppealChannel.valueOf(rs.getString("channel"));
				String category = rs.getString("category_code");
				AppealLevel level = AppealLevel.valueOf(rs.getString("level"));
				Instant submitted = rs.getObject("submitted_at", OffsetDateTime.class).toInstant();
				AppealLevel resolvedLevel = rs.getString("resolved_level") == null ? null : AppealLevel.valueOf(rs.getString("resolved_level"));
				return regions.pending(rs.getLong("region_id"), (node, place) -> new AppealRow(id, code, channel, category,
						text.length() > 60 ? text.substring(0, 60) + "…" : text, place, status, level, submitted, due,
						status.isOpen() && due.isBefore(now.toInstant()), resolvedLevel));
			})
			.list());
		if (seek.backwards()) {
			rows = new java.util.ArrayList<>(rows);
			java.util.Collections.reverse(rows);
		}
		return org.grassroots.shell.CountedPage.of(rows, page, counted)
			.withPositions(row -> new org.grassroots.shell.Keyset(row.submittedAt(), row.id()));
	}

	/** An appeal as the ledger (台账) files it: whole text, place with its village, result, when resolved, rating, unit. */
	public record LedgerRow(long id, String trackingCode, AppealChannel channel, String categoryCode, String description, String place,
			AppealStatus status, AppealLevel level, String handlingUnit, Instant submittedAt, Instant resolutionDue, Instant resolvedAt,
			AppealLevel resolvedLevel, String result, AppealRating rating, boolean overdue) {
	}

	/**
	 * The ledger of the appeals the filter picks in the user's scope (the list on the screen, every row of it, in the
	 * list's order), a chunk at a time: the {@code size} rows after {@code after} (from the first when null).
	 */
	public List<LedgerRow> ledger(CurrentUser user, AppealFilter f, LedgerRow after, int size) {
		Map<String, Object> params = new LinkedHashMap<>();
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		String where = where(user, f, params, now);
		if (after != null) {
			// the first bound alone lets the index on submitted_at start where the chunk before stopped
			where += " AND a.submitted_at <= :afterAt AND (a.submitted_at < :afterAt OR a.id < :afterId)";
			params.put("afterAt", OffsetDateTime.ofInstant(after.submittedAt(), ZoneOffset.UTC));
			params.put("afterId", after.id());
		}
		return regions.finish(jdbc.sql("""
				SELECT a.id, a.tracking_code, a.channel, a.category_code, a.description, a.region_id, a.status, a.level, a.handling_unit,
				  a.submitted_at, a.resolution_due, a.resolved_at, a.resolved_level, a.result_text, a.rating
				FROM appeals_appeal a""" + where + " ORDER BY a.submitted_at DESC, a.id DESC LIMIT :limit")
			.params(params).param("limit", size)
			.query((rs, i) -> {
				long id = rs.getLong("id");
				AppealStatus status = AppealStatus.valueOf(rs.getString("status"));
				Instant due = rs.getObject("resolution_due", OffsetDateTime.class).toInstant();
				OffsetDateTime resolved = rs.getObject("resolved_at", OffsetDateTime.class);
				String code = rs.getString("tracking_code");
				AppealChannel channel = AppealChannel.valueOf(rs.getString("channel"));
				String category = rs.getString("category_code");
				String description = rs.getString("description");
				AppealLevel level = AppealLevel.valueOf(rs.getString("level"));
				String unit = rs.getString("handling_unit");
				Instant submitted = rs.getObject("submitted_at", OffsetDateTime.class).toInstant();
				AppealLevel resolvedLevel = rs.getString("resolved_level") == null ? null : AppealLevel.valueOf(rs.getString("resolved_level"));
				String result = rs.getString("result_text");
				AppealRating rating = rs.getString("rating") == null ? null : AppealRating.valueOf(rs.getString("rating"));
				return regions.pending(rs.getLong("region_id"), (node, place) -> new LedgerRow(id, code, channel, category, description,
						place, status, level, unit, submitted, due, resolved == null ? null : resolved.toInstant(), resolvedLevel,
						result, rating, status.isOpen() && due.isBefore(now.toInstant())));
			})
			.list());
	}

	/** A whistle waiting for (or lately answered by) a department, as its inbox lists it. */
	public record WhistleRow(long appealId, String trackingCode, String description, String place, Instant whistledAt,
			Instant reportDue, Instant reportedAt, boolean late) {
	}

	/**
	 * A department's inbox: the whistles waiting for it to report in (the closest deadline first), then those it answered
	 * in the last 30 days; only appeals in its scope. Empty for an account that is not a department's.
	 */
	public List<WhistleRow> whistledTo(CurrentUser user) {
		user.require(Permission.APPEAL_READ);
		if (!StringUtils.hasText(user.department())) {
			return List.of();
		}
		Instant now = clock.instant();
		return regions.finish(jdbc.sql("""
				SELECT a.id, a.tracking_code, a.description, a.region_id, w.whistled_at, w.report_due, w.reported_at
				FROM appeals_whistle w JOIN appeals_appeal a ON a.id = w.appeal_id
				WHERE w.department = :d AND a.region_path LIKE :scope AND (w.reported_at IS NULL OR w.reported_at > :since)
				ORDER BY CASE WHEN w.reported_at IS NULL THEN 0 ELSE 1 END, w.report_due, w.id LIMIT 500""")
			.param("d", user.department()).param("scope", user.scopePattern())
			.param("since", OffsetDateTime.ofInstant(now.minus(java.time.Duration.ofDays(30)), ZoneOffset.UTC))
			.query((rs, i) -> {
				Instant due = rs.getObject("report_due", OffsetDateTime.class).toInstant();
				OffsetDateTime reported = rs.getObject("reported_at", OffsetDateTime.class);
				long id = rs.getLong("id");
				String code = rs.getString("tracking_code");
				String description = rs.getString("description");
				Instant whistled = rs.getObject("whistled_at", OffsetDateTime.class).toInstant();
				return regions.pending(rs.getLong("region_id"), (node, place) -> new WhistleRow(id, code, description, place,
						whistled, due, reported == null ? null : reported.toInstant(),
						reported == null ? now.isAfter(due) : reported.toInstant().isAfter(due)));
			})
			.list());
	}


}
