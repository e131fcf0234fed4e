package org.grassroots.fieldwork.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditTrail;
import org.grassroots.fieldwork.VisitNeedReported;
import org.grassroots.privacy.PhotoCleaner;
import org.grassroots.registry.HouseholdDirectory;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.InputRejected.FieldProblem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/** Recording visits and patrols; every record carries the client's key, so a replay stores nothing new. */
@Service
public class FieldLog {

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{16,64}");

	public enum Purpose {
		ROUTINE, KEY_GROUP, FOLLOW_UP, EVENT, SUPERVISION
	}

	public enum FollowUp {
		NONE, RESOLVED_ON_SPOT, APPEAL, DISPUTE
	}

	/**
	 * A visit as the phone sends it. {@code photos} are up to three images as base64 or data URLs;
	 * {@code patrolKey} names the patrol (by its client key) an incident was reported on.
	 */
	public record VisitForm(String clientKey, Long householdId, String regionCode, String placeText, Instant visitedAt,
			Purpose purpose, String heard, String needs, FollowUp followUp, String appealCategory, Double latitude,
			Double longitude, List<String> photos, String patrolKey) {
	}

	public record Visit(long id, String clientKey, String visitor, Instant visitedAt, String regionCode, Long householdId,
			String placeText, Purpose purpose, String heard, String needs, FollowUp followUp, Double latitude, Double longitude,
			int photos, String patrolKey) {
	}

	public static final int MAX_PHOTOS = 3;

	public record Recorded<T>(T record, boolean created) {
	}

	public record PatrolForm(String clientKey, String regionCode, Instant startedAt, String routeText) {
	}

	public record Patrol(long id, String clientKey, String patroller, String regionCode, Instant startedAt, Instant endedAt,
			String routeText, String findings) {
	}

	private final JdbcClient jdbc;
	private final RegionTree regions;
	private final HouseholdDirectory households;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;

	/** The one clock (shell): never now() here. */
	private final java.time.Clock clock;
	private final PhotoCleaner cleaner;

	FieldLog(JdbcClient jdbc, RegionTree regions, HouseholdDirectory households, AuditTrail audit,
			ApplicationEventPublisher events, java.time.Clock clock, PhotoCleaner cleaner) {
		this.cleaner = cleaner;
		this.clock = clock;
		this.jdbc = jdbc;
		this.regions = regions;
		this.households = households;
		this.audit = audit;
		this.events = events;
	}

	@Transactional
	public Recorded<Visit> recordVisit(CurrentUser user, VisitForm form) {
		user.require(Permission.FIELDWORK_RECORD);
		if (form.clientKey() == null || !KEY.matcher(form.clientKey()).matches()) {
			throw new InputRejected("clientKey", "fieldwork.clientKey.invalid");
		}
		Optional<Visit> earlier = visitByKey(form.clientKey());
		if (earlier.isPresent()) {
			// a replay is the sender's own phone sending its queued visit again: it gets its visit back; anyone else's
			// key answers nothing of the record it names
			if (!earlier.get().visitor().equals(user.username())) {
				throw new InputRejected("clientKey", "fieldwork.clientKey.taken");
			}
			return new Recorded<>(earlier.get(), false);
		}
		List<FieldProblem> problems = new ArrayList<>();
		RegionNode region = null;
		Long householdId = null;
		if (form.householdId() != null) {
			var household = households.find(user, form.householdId());
			if (household.isEmpty()) {
				problems.add(new FieldProblem("householdId", "registry.household.unknown", new Object[0]));
			}
			else {
				householdId = household.get().id();
				region = regions.byId(household.get().regionId()).orElseThrow();
			}
		}
		else if (StringUtils.hasText(form.regionCode())) {
			region = regions.byCode(form.regionCode().strip()).filter(r -> user.covers(r.path())).orElse(null);
			if (region == null) {
				problems.add(new FieldProblem("regionCode", "registry.region.outOfScope", new Object[0]));
			}
		}
		else {
			problems.add(new FieldProblem("householdId", "fieldwork.visit.where", new Object[0]));
		}
		Instant now = clock.instant();
		Instant visitedAt = form.visitedAt() == null ? now : form.visitedAt();
		if (visitedAt.isAfter(now.plusSeconds(300)) || visitedAt.isBefore(now.minusSeconds(90L * 24 * 3600))) {
			problems.add(new FieldProblem("visitedAt", "fieldwork.visit.when", new Object[0]));
		}
		FollowUp followUp = form.followUp() == null ? FollowUp.NONE : form.followUp();
		// a need that goes on as an appeal is checked by the appeals' own intake rules (VisitNeedReported's listener)
		if (followUp == FollowUp.APPEAL && !StringUtils.hasText(form.needs())) {
			problems.add(new FieldProblem("needs", "validation.required", new Object[0]));
		}
		if (followUp == FollowUp.DISPUTE && (!StringUtils.hasText(form.needs()) || form.needs().strip().length() < 5)) {
			problems.add(new FieldProblem("needs", "dispute.summary.size", new Object[0]));
		}
		if (followUp == FollowUp.APPEAL && !StringUtils.hasText(form.appealCategory())) {
			problems.add(new FieldProblem("appealCategory", "validation.required", new Object[0]));
		}
		for (String[] text : new String[][] {{"heard", form.heard()}, {"needs", form.needs()}}) {
			if (text[1] != null && text[1].length() > 2000) {
				problems.add(new FieldProblem(text[0], "validation.tooLong", new Object[0]));
			}
		}
		if ((form.latitude() == null) != (form.longitude() == null) || (form.latitude() != null
				&& (Math.abs(form.latitude()) > 90 || Math.abs(form.longitude()) > 180))) {
			problems.add(new FieldProblem("latitude", "fieldwork.visit.position", new Object[0]));
		}
		if (form.patrolKey() != null && !form.patrolKey().isBlank() && !KEY.matcher(form.patrolKey()).matches()) {
			problems.add(new FieldProblem("patrolKey", "fieldwork.clientKey.invalid", new Object[0]));
		}
		List<PhotoCleaner.CleanPhoto> photos = new ArrayList<>();
		List<String> sent = form.photos() == null ? List.of() : form.photos().stream().filter(StringUtils::hasText).toList();
		if (sent.size() > MAX_PHOTOS) {
			problems.add(new FieldProblem("photos", "fieldwork.visit.photos.count", new Object[] {MAX_PHOTOS}));
		}
		else {
			sent.forEach(photo -> decode(photo).flatMap(cleaner::clean).ifPresent(photos::add));
			if (photos.size() < sent.size()) {
				problems.add(new FieldProblem("photos", "appeal.photos.invalid", new Object[] {PhotoCleaner.MAX_BYTES / 1024 / 1024}));
			}
		}
		if (!problems.isEmpty()) {
			throw new InputRejected(problems);
		}
		long id = jdbc.sql("""
				INSERT INTO fieldwork_visit (client_key, visitor, visited_at, region_id, region_path, household_id, place_text, purpose,
				  heard, needs, follow_up, appeal_category, latitude, longitude, recorded_at, photo_count, patrol_key)
				VALUES (:key, :visitor, :at, :region, :path, :household, :place, :purpose, :heard, :needs, :follow, :category, :lat, :lon, :now,
				  :photos, :patrol)""")
			.param("photos", photos.size())
			.param("patrol", StringUtils.hasText(form.patrolKey()) ? form.patrolKey().strip() : null)
			.param("key", form.clientKey()).param("visitor", user.username())
			.param("at", OffsetDateTime.ofInstant(visitedAt, ZoneOffset.UTC)).param("region", region.id()).param("path", region.path())
			.param("household", householdId).param("place", trim(form.placeText(), 200))
			.param("purpose", (form.purpose() == null ? Purpose.ROUTINE : form.purpose()).name())
			.param("heard", form.heard()).param("needs", form.needs()).param("follow", followUp.name())
			.param("category", form.appealCategory()).param("lat", form.latitude()).param("lon", form.longitude())
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.update() > 0 ? jdbc.sql("SELECT id FROM fieldwork_visit WHERE client_key = :k").param("k", form.clientKey())
				.query(Long.class).single() : -1;
		for (PhotoCleaner.CleanPhoto photo : photos) {
			jdbc.sql("""
					INSERT INTO fieldwork_photo (visit_id, content_type, bytes, byte_size, created_at) VALUES (:v, :t, :b, :n, :at)""")
				.param("v", id).param("t", photo.contentType()).param("b", photo.bytes()).param("n", photo.bytes().length)
				.param("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
				.update();
		}
		Visit visit = visitByKey(form.clientKey()).orElseThrow();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("photos", photos.size());
		after.put("householdId", householdId);
		after.put("regionCode", region.code());
		after.put("purpose", visit.purpose());
		after.put("followUp", followUp);
		audit.created("visit", id, region.path(), org.grassroots.audit.AuditTrail.summary("visitBy", user.displayName()), after);
		if (followUp == FollowUp.APPEAL) {
			events.publishEvent(new VisitNeedReported(id, user.username(), region.code(), form.appealCategory().strip(),
					form.needs().strip(), visitedAt));
		}
		if (followUp == FollowUp.DISPUTE) {
			events.publishEvent(new org.grassroots.fieldwork.VisitDisputeReported(id, user.username(), region.code(),
					form.needs().strip(), visitedAt));
		}
		return new Recorded<>(visit, true);
	}

	/** Which visits to list: beneath a node, by a person, on the days [from, to], of a purpose or follow-up; all optional. */
	public record VisitFilter(String regionCode, String visitor, java.time.LocalDate from, java.time.LocalDate to, Purpose purpose,
			FollowUp followUp) {
	}

	public Page<Visit> visits(CurrentUser user, VisitFilter filter, Pageable page) {
		user.require(Permission.FIELDWORK_READ);
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(user, filter, params);
		long total = org.grassroots.shell.CountedPage.count(jdbc, "FROM fieldwork_visit v WHERE " + where, params);
		List<Visit> rows = jdbc.sql("SELECT v.* FROM fieldwork_visit v WHERE " + where
				+ " ORDER BY v.visited_at DESC, v.id DESC LIMIT :limit OFFSET :offset")
			.params(params).param("limit", page.getPageSize()).param("offset", page.getOffset())
			.query((rs, i) -> visit(rs))
			.list();
		return org.grassroots.shell.CountedPage.of(rows, page, total);
	}

	private String where(CurrentUser user, VisitFilter filter, Map<String, Object> params) {
		String scope = user.scopePattern();
		if (StringUtils.hasText(filter.regionCode())) {
			RegionNode node = regions.byCode(filter.regionCode().strip()).orElseThrow(OutOfScopeException::new);
			user.requireInScope(node.path());
			scope = node.path() + "%";
		}
		StringBuilder where = new StringBuilder("v.region_path LIKE :p");
		params.put("p", scope);
		if (StringUtils.hasText(filter.visitor())) {
			where.append(" AND v.visitor = :visitor");
			params.put("visitor", filter.visitor().strip());
		}
		if (filter.from() != null) {
			where.append(" AND v.visited_at >= :from");
			params.put("from", filter.from().atStartOfDay(org.grassroots.calendar.WorkingCalendar.ZONE).toOffsetDateTime());
		}
		if (filter.to() != null) {
			where.append(" AND v.visited_at < :to");
			params.put("to", filter.to().plusDays(1).atStartOfDay(org.grassroots.calendar.WorkingCalendar.ZONE).toOffsetDateTime());
		}
		if (filter.purpose() != null) {
			where.append(" AND v.purpose = :purpose");
			params.put("purpose", filter.purpose().name());
		}
		if (filter.followUp() != null) {
			where.append(" AND v.follow_up = :followUp");
			params.put("followUp", filter.followUp().name());
		}
		return where.toString();
	}

	private Optional<Visit> visitByKey(String key) {
		return jdbc.sql("""
				SELECT v.* FROM fieldwork_visit v WHERE v.client_key = :k""")
			.param("k", key)
			.query((rs, i) -> visit(rs))
			.optional();
	}

	/** A photo as sent: a data URL ({@code data:image/jpeg;base64,…}) or bare base64. */
	private static Optional<byte[]> decode(String photo) {
		String data = photo.strip();
		int comma = data.indexOf(',');
		if (data.startsWith("data:") && comma > 0) {
			data = data.substring(comma + 1);
		}
		if (data.length() > PhotoCleaner.MAX_BYTES / 3 * 4 + 8) {
			return Optional.empty();
		}
		try {
			return Optional.of(java.util.Base64.getMimeDecoder().decode(data));
		}
		catch (IllegalArgumentException notBase64) {
			return Optional.empty();
		}
	}

	/** One visit of the caller's scope. */
	public Optional<Visit> visit(CurrentUser user, long id) {
		user.require(Permission.FIELDWORK_READ);
		return jdbc.sql("SELECT v.* FROM fieldwork_visit v WHERE v.id = :id AND v.region_path LIKE :p")
			.param("id", id).param("p", user.scopePattern())
			.query((rs, i) -> visit(rs))
			.optional();
	}

	/** The n-th photo (from 0) of a visit of the caller's scope. */
	public Optional<PhotoCleaner.CleanPhoto> photo(CurrentUser user, long visitId, int n) {
		if (visit(user, visitId).isEmpty() || n < 0 || n >= MAX_PHOTOS) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT content_type, bytes FROM fieldwork_photo WHERE visit_id = :v ORDER BY id LIMIT 1 OFFSET :n")
			.param("v", visitId).param("n", n)
			.query((rs, i) -> new PhotoCleaner.CleanPhoto(rs.getString(1), rs.getBytes(2)))
			.optional();
	}

	/** A visit's region code is the last step of its path (no query per row). */
	private Visit visit(java.sql.ResultSet rs) throws java.sql.SQLException {
		String regionCode = RegionNode.codeOf(rs.getString("region_path"));
		return new Visit(rs.getLong("id"), rs.getString("client_key"), rs.getString("visitor"),
				rs.getObject("visited_at", OffsetDateTime.class).toInstant(), regionCode,
				rs.getObject("household_id", Long.class), rs.getString("place_text"), Purpose.valueOf(rs.getString("purpose")),
				rs.getString("heard"), rs.getString("needs"), FollowUp.valueOf(rs.getString("follow_up")),
				rs.getObject("latitude", Double.class), rs.getObject("longitude", Double.class), rs.getInt("photo_count"),
				rs.getString("patrol_key"));
	}

	@Transactional
	public Recorded<Patrol> startPatrol(CurrentUser user, PatrolForm form) {
		user.require(Permission.FIELDWORK_RECORD);
		if (form.clientKey() == null || !KEY.matcher(form.clientKey()).matches()) {
			throw new InputRejected("clientKey", "fieldwork.clientKey.invalid");
		}
		Optional<Patrol> earlier = patrolByKey(form.clientKey());
		if (earlier.isPresent()) {
			if (!earlier.get().patroller().equals(user.username())) {
				throw new InputRejected("clientKey", "fieldwork.clientKey.taken");
			}
			return new Recorded<>(earlier.get(), false);
		}
		RegionNode region = regions.byCode(form.regionCode() == null ? "" : form.regionCode().strip())
			.filter(r -> user.covers(r.path()))
			.orElseThrow(() -> new InputRejected("regionCode", "registry.region.outOfScope"));
		Instant now = clock.instant();
		Instant started = form.startedAt() == null ? now : form.startedAt();
		jdbc.sql("""
				INSERT INTO fieldwork_patrol (client_key, patroller, region_id, region_path, started_at, route_text, recorded_at)
				VALUES (:key, :by, :region, :path, :started, :route, :now)""")
			.param("key", form.clientKey()).param("by", user.username()).param("region", region.id()).param("path", region.path())
			.param("started", OffsetDateTime.ofInstant(started, ZoneOffset.UTC)).param("route", trim(form.routeText(), 400))
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.update();
		Patrol patrol = patrolByKey(form.clientKey()).orElseThrow();
		audit.created("patrol", patrol.id(), region.path(), org.grassroots.audit.AuditTrail.summary("patrolBy", user.displayName()), Map.of("regionCode", region.code()));
		return new Recorded<>(patrol, true);
	}

	/** Ends one's own patrol with what was found; ending it again changes nothing. */
	@Transactional
	public Patrol endPatrol(CurrentUser user, long id, String findings) {
		user.require(Permission.FIELDWORK_RECORD);
		Patrol patrol = jdbc.sql("SELECT * FROM fieldwork_patrol WHERE id = :id").param("id", id).query((rs, i) -> patrol(rs)).optional()
			.orElseThrow(OutOfScopeException::new);
		String path = jdbc.sql("SELECT region_path FROM fieldwork_patrol WHERE id = :id").param("id", id).query(String.class).single();
		user.requireInScope(path);
		if (!patrol.patroller().equals(user.username())) {
			throw new org.springframework.security.access.AccessDeniedException("Only the patroller ends a patrol");
		}
		if (patrol.endedAt() == null) {
			jdbc.sql("UPDATE fieldwork_patrol SET ended_at = :now, findings = :f WHERE id = :id")
				.param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("f", trim(findings, 2000)).param("id", id).update();
			audit.updated("patrol", id, path, "patrol ended", Map.of("endedAt", "—"), Map.of("findings", findings == null ? "" : findings));
		}
		return jdbc.sql("SELECT * FROM fieldwork_patrol WHERE id = :id").param("id", id).query((rs, i) -> patrol(rs)).single();
	}

	/** Ends one's own patrol named by its client key: the phone may not know the server's id yet. */
	@Transactional
	public Patrol endPatrolByKey(CurrentUser user, String clientKey, String findings) {
		user.require(Permission.FIELDWORK_RECORD);
		Patrol patrol = patrolByKey(clientKey == null ? "" : clientKey).orElseThrow(OutOfScopeException::new);
		return endPatrol(user, patrol.id(), findings);
	}

	private Optional<Patrol> patrolByKey(String key) {
		return jdbc.sql("SELECT * FROM fieldwork_patrol WHERE client_key = :k").param("k", key).query((rs, i) -> patrol(rs)).optional();
	}

	private Patrol patrol(java.sql.ResultSet rs) throws java.sql.SQLException {
		OffsetDateTime ended = rs.getObject("ended_at", OffsetDateTime.class);
		return new Patrol(rs.getLong("id"), rs.getString("client_key"), rs.getString("patroller"),
				RegionNode.codeOf(rs.getString("region_path")),
				rs.getObject("started_at", OffsetDateTime.class).toInstant(), ended == null ? null : ended.toInstant(),
				rs.getString("route_text"), rs.getString("findings"));
	}

	private static String trim(String s, int max) {
		return s == null ? null : s.length() > max ? s.substring(0, max) : s.strip();
	}

}
