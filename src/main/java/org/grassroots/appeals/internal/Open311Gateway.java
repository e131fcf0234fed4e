package org.grassroots.appeals.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.privacy.PhoneNumber;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.RegionType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Open311 GeoReport v2 over our appeals: service codes are our categories, requests are appeals of the
 * OPEN311 channel, status open/closed follows the life cycle. Posting needs an API key issued by an admin.
 */
@Service
public class Open311Gateway {

	/** A failure in the spec's error format, with the HTTP status it goes out with. */
	public static class Open311Error extends RuntimeException {

		private final int status;

		public Open311Error(int status, String description) {
			super(description);
			this.status = status;
		}

		public int status() {
			return status;
		}

	}

	private final AppealCategories categories;
	private final AppealHandling handling;
	private final RegionTree regions;
	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final SecureRandom random = new SecureRandom();

	private final IntakeRules rules;
	private final org.grassroots.privacy.PersonalDataProtector protector;
	private final org.springframework.context.MessageSource messages;

	Open311Gateway(AppealCategories categories, AppealHandling handling, RegionTree regions, JdbcClient jdbc, AuditTrail audit,
			IntakeRules rules, org.grassroots.privacy.PersonalDataProtector protector, org.springframework.context.MessageSource messages) {
		this.rules = rules;
		this.protector = protector;
		this.messages = messages;
		this.categories = categories;
		this.handling = handling;
		this.regions = regions;
		this.jdbc = jdbc;
		this.audit = audit;
	}

	public List<Map<String, Object>> services() {
		List<Map<String, Object>> services = new ArrayList<>();
		for (AppealCategories.Category c : categories.active()) {
			Map<String, Object> s = new LinkedHashMap<>();
			s.put("service_code", c.code());
			s.put("service_name", c.nameZh());
			s.put("description", c.nameEn());
			s.put("metadata", true);
			s.put("type", "realtime");
			s.put("keywords", c.nameZh() + "," + c.nameEn());
			s.put("group", c.defaultLevel().name().toLowerCase());
			services.add(s);
		}
		return services;
	}

	public Map<String, Object> definition(String code) {
		AppealCategories.Category category = categories.find(code).orElseThrow(() -> new Open311Error(404, "service_code not found: " + code));
		List<Map<String, Object>> values = new ArrayList<>();
		for (RegionNode n : places()) {
			values.add(Map.of("key", n.code(), "name", n.name()));
		}
		Map<String, Object> attribute = new LinkedHashMap<>();
		attribute.put("variable", true);
		attribute.put("code", "region_code");
		attribute.put("datatype", "singlevaluelist");
		attribute.put("required", false);
		attribute.put("datatype_description", "The village, community or grid; needed unless lat/long is given");
		attribute.put("order", 1);
		attribute.put("description", "所在村（社区）或网格");
		attribute.put("values", values);
		Map<String, Object> definition = new LinkedHashMap<>();
		definition.put("service_code", category.code());
		definition.put("attributes", List.of(attribute));
		return definition;
	}

	@Transactional
	public Map<String, Object> post(Map<String, String> params) {
		requireKey(params.get("api_key"));
		String code = params.get("service_code");
		AppealCategories.Category category = categories.find(code == null ? "" : code)
			.orElseThrow(() -> new Open311Error(400, "service_code missing or unknown"));
		String description = params.getOrDefault("description", "").strip();
		String phone = params.get("phone");
		String name = String.join(" ", List.of(params.getOrDefault("last_name", ""), params.getOrDefault("first_name", ""))).strip();
		var checked = rules.check(IntakeRules.Draft.of(AppealChannel.OPEN311, category.code(), description)
			.place(params.get("address_string"), parse(params.get("lat")), parse(params.get("long")))
			.reporter(name, phone, false));
		if (!checked.ok()) {
			var p = checked.problems().get(0);
			throw new Open311Error(400, p.field() + ": " + messages.getMessage(p.messageKey(), p.args(), java.util.Locale.ENGLISH));
		}
		RegionNode region = region(params).orElseThrow(() -> new Open311Error(400,
				"attribute[region_code] or lat/long within the county is required"));
		Appeal appeal = handling.create(AppealIntake.of(AppealChannel.OPEN311, description, "open311")
			.place(params.get("address_string"), parse(params.get("lat")), parse(params.get("long")))
			.reporter(name.isEmpty() ? null : name, protector.protectPhone(phone)), category, region);
		Map<String, Object> created = new LinkedHashMap<>();
		created.put("service_request_id", appeal.trackingCode);
		created.put("service_notice", "已受理，将在 " + appeal.resolutionDue.atZone(WorkingCalendar.ZONE).toLocalDate() + " 前办结");
		created.put("account_id", params.get("account_id"));
		return created;
	}

	public List<Map<String, Object>> requests(String ids, String serviceCode, LocalDate start, LocalDate end, String status) {
		StringBuilder where = new StringBuilder(" WHERE channel = 'OPEN311'");
		Map<String, Object> p = new LinkedHashMap<>();
		if (StringUtils.hasText(ids)) {
			where.append(" AND tracking_code IN (:ids)");
			p.put("ids", List.of(ids.split(",")).stream().map(String::strip).toList());
		}
		if (StringUtils.hasText(serviceCode)) {
			where.append(" AND category_code = :code");
			p.put("code", serviceCode);
		}
		if (start != null) {
			where.append(" AND submitted_at >= :start");
			p.put("start", start.atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime());
		}
		if (end != null) {
			where.append(" AND submitted_at < :end");
			p.put("end", end.plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime());
		}
		if ("open".equals(status)) {
			where.append(" AND status IN ('SUBMITTED','ACCEPTED','IN_PROGRESS')");
		}
		else if ("closed".equals(status)) {
			where.append(" AND status IN ('RESOLVED','CLOSED','REJECTED')");
		}
		else if (StringUtils.hasText(status)) {
			throw new Open311Error(400, "status must be open or closed");
		}
		Map<String, String> names = new LinkedHashMap<>();
		categories.active().forEach(c -> names.put(c.code(), c.nameZh()));
		return jdbc.sql("SELECT * FROM appeals_appeal" + where + " ORDER BY submitted_at DESC LIMIT 1000")
			.params(p)
			.query((rs, i) -> {
				String st = rs.getString("status");
				boolean open = st.equals("SUBMITTED") || st.equals("ACCEPTED") || st.equals("IN_PROGRESS");
				Map<String, Object> r = new LinkedHashMap<>();
				r.put("service_request_id", rs.getString("tracking_code"));
				r.put("status", open ? "open" : "closed");
				r.put("status_notes", rs.getString("result_text") != null ? rs.getString("result_text") : rs.getString("rejection_reason"));
				r.put("service_name", names.getOrDefault(rs.getString("category_code"), rs.getString("category_code")));
				r.put("service_code", rs.getString("category_code"));
				r.put("description", rs.getString("description"));
				r.put("agency_responsible", rs.getString("handling_unit") != null ? rs.getString("handling_unit")
						: AppealLevel.valueOf(rs.getString("level")).name().toLowerCase());
				r.put("requested_datetime", iso(rs.getObject("submitted_at", OffsetDateTime.class)));
				OffsetDateTime updated = rs.getObject("closed_at", OffsetDateTime.class) != null ? rs.getObject("closed_at", OffsetDateTime.class)
						: rs.getObject("resolved_at", OffsetDateTime.class) != null ? rs.getObject("resolved_at", OffsetDateTime.class)
								: rs.getObject("accepted_at", OffsetDateTime.class);
				r.put("updated_datetime", updated == null ? null : iso(updated));
				r.put("expected_datetime", iso(rs.getObject("resolution_due", OffsetDateTime.class)));
				r.put("address", rs.getString("location_text"));
				r.put("lat", rs.getObject("latitude"));
				r.put("long", rs.getObject("longitude"));
				return r;
			})
			.list();
	}

	private static String iso(OffsetDateTime t) {
		return t.toInstant().atZone(WorkingCalendar.ZONE).toOffsetDateTime().toString();
	}

	private Optional<RegionNode> region(Map<String, String> params) {
		String code = params.get("attribute[region_code]");
		if (StringUtils.hasText(code)) {
			return places().stream().filter(n -> n.code().equals(code.strip())).findFirst();
		}
		Double lat = parse(params.get("lat"));
		Double lon = parse(params.get("long"));
		if (lat == null || lon == null) {
			return Optional.empty();
		}
		// the grid whose centre is nearest, within about 10 km
		RegionNode best = null;
		double bestDistance = Double.MAX_VALUE;
		for (RegionNode n : places()) {
			if (n.type() != RegionType.GRID || n.centreLat() == null) {
				continue;
			}
			double dLat = n.centreLat() - lat;
			double dLon = (n.centreLon() - lon) * Math.cos(Math.toRadians(lat));
			double d = Math.sqrt(dLat * dLat + dLon * dLon) * 111.0;
			if (d < bestDistance) {
				bestDistance = d;
				best = n;
			}
		}
		return bestDistance <= 10 ? Optional.ofNullable(best) : Optional.empty();
	}

	private List<RegionNode> places() {
		return regions.roots().stream().flatMap(root -> regions.subtree(root.path()).stream())
			.filter(n -> n.depth() >= AppealLevel.VILLAGE.depth() && (n.type() == RegionType.VILLAGE
					|| n.type() == RegionType.COMMUNITY || n.type() == RegionType.GRID))
			.toList();
	}

	private static Double parse(String value) {
		try {
			return StringUtils.hasText(value) ? Double.valueOf(value.strip()) : null;
		}
		catch (NumberFormatException ex) {
			throw new Open311Error(400, "lat/long must be numbers");
		}
	}

	private void requireKey(String key) {
		if (!StringUtils.hasText(key) || jdbc.sql("SELECT COUNT(*) FROM appeals_open311_key WHERE key_hash = :h AND revoked = FALSE")
			.param("h", sha256(key)).query(Long.class).single() == 0) {
			throw new Open311Error(403, "api_key missing or invalid");
		}
	}

	// ---- keys, for admins

	public record KeyView(long id, String name, String createdBy, Instant createdAt, boolean revoked) {
	}

	public List<KeyView> keys(CurrentUser admin) {
		admin.require(Permission.ACCOUNT_ADMIN);
		return jdbc.sql("SELECT * FROM appeals_open311_key ORDER BY id DESC")
			.query((rs, i) -> new KeyView(rs.getLong("id"), rs.getString("name"), rs.getString("created_by"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getBoolean("revoked")))
			.list();
	}

	/** Returns the key; it is shown once. */
	@Transactional
	public String issue(CurrentUser admin, String name) {
		admin.require(Permission.ACCOUNT_ADMIN);
		byte[] bytes = new byte[24];
		random.nextBytes(bytes);
		String key = "o311_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		store(name, key, admin.username());
		audit.created("open311_key", name, null, "Open311 key issued", Map.of("name", name));
		return key;
	}

	@Transactional
	public void revoke(CurrentUser admin, long id) {
		admin.require(Permission.ACCOUNT_ADMIN);
		if (jdbc.sql("UPDATE appeals_open311_key SET revoked = TRUE WHERE id = :id AND revoked = FALSE").param("id", id).update() == 1) {
			audit.updated("open311_key", id, null, "Open311 key revoked", Map.of("revoked", false), Map.of("revoked", true));
		}
	}

	void store(String name, String key, String by) {
		jdbc.sql("INSERT INTO appeals_open311_key (name, key_hash, created_by, created_at) VALUES (:n, :h, :by, :at)")
			.param("n", name).param("h", sha256(key)).param("by", by).param("at", OffsetDateTime.now(ZoneOffset.UTC))
			.update();
	}

	static String sha256(String value) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
