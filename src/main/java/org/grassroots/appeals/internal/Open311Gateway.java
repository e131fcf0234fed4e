package org.grassroots.appeals.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.AppealStatus;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.PhoneNumber;
import org.grassroots.privacy.TextRedactor;
import org.grassroots.privacy.ProtectedValue;
import org.grassroots.registry.RegionNode;
import org.grassroots.shell.InputRejected;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.RegionType;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Open311 GeoReport v2 over our appeals, as FixMyStreet and the generic GeoReport libraries use it: service codes are
 * our categories, requests are appeals of the OPEN311 channel (open/closed follows the life cycle), and mySociety's
 * servicerequestupdates extension reads the public steps of those appeals and takes client comments onto their
 * timeline. Posting needs an API key issued by an admin. Names and phone numbers are taken in, never given out.
 */
@Service
public class Open311Gateway {

	/** The most requests (or updates) one answer holds: the spec's "first 1000 requests", paged beyond. */
	public static final int PAGE_SIZE_MAX = 1000;

	/** The longest span start_date..end_date may cover, and the window when neither is given (the spec's 90 days). */
	public static final Duration SPAN_MAX = Duration.ofDays(90);

	static final int MEDIA_URL_MAX = 1000;

	/** A position farther than this from every grid's centre waits at the county's triage. */
	private static final double NEAREST_GRID_KM = 10;

	/** W3C datetimes with their seconds, in the county's offset: 2026-12-04T08:30:15+08:00. */
	private static final DateTimeFormatter W3C = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

	/** A datetime whose '+' a client left unencoded in the query string, read back as a space. */
	private static final Pattern PLUS_AS_SPACE = Pattern.compile("(.*T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?) (\\d{2}:?\\d{2})");

	private static final Pattern CLIENT_STATUS = Pattern.compile("[A-Za-z_ ]{1,32}");

	/** A failure in the spec's error format: the HTTP status it goes out with and its text in the message bundles. */
	public static class Open311Error extends RuntimeException {

		private final int status;
		private final transient Object[] args;

		public Open311Error(int status, String messageKey, Object... args) {
			super(messageKey);
			this.status = status;
			this.args = args;
		}

		public int status() {
			return status;
		}

		/** The message key of the description. */
		public String messageKey() {
			return getMessage();
		}

		public Object[] args() {
			return args;
		}

	}

	/** One page of requests or updates, and whether another follows it. */
	public record Found(List<Map<String, Object>> items, boolean more) {
	}

	/** An API key as the requests it signs see it: who holds it and, when it was issued for one, its county. */
	record Key(long id, String name, String countyCode) {
	}

	private final AppealCategories categories;
	private final AppealHandling handling;
	private final RegionTree regions;
	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final PersonalDataProtector protector;
	private final MessageSource messages;
	private final SecureRandom random = new SecureRandom();
	private final Clock clock;
	private final IntakeRules rules;
	private final org.springframework.transaction.PlatformTransactionManager transactionManager;

	/** Every OPEN311 request listed to callers without a key (still redacted), not only those the county marked public. */
	private final boolean listPublicByDefault;

	/** Decimal places a public entry's position keeps (3: about 100 m). */
	static final int PUBLIC_DECIMALS = 3;

	/** The rule set's field names as GeoReport v2 names them. */
	private static final Map<String, String> GEOREPORT_FIELDS = Map.of("description", "description", "locationText", "address_string",
			"reporterName", "first_name/last_name", "phone", "phone", "latitude", "lat/long", "categoryCode", "service_code");

	Open311Gateway(AppealCategories categories, AppealHandling handling, RegionTree regions, JdbcClient jdbc, AuditTrail audit,
			PersonalDataProtector protector, MessageSource messages, IntakeRules rules, Clock clock,
			@org.springframework.beans.factory.annotation.Value("${grassroots.open311.list-public-by-default:false}") boolean listPublicByDefault,
			org.springframework.transaction.PlatformTransactionManager transactionManager) {
		this.transactionManager = transactionManager;
		this.listPublicByDefault = listPublicByDefault;
		this.rules = rules;
		this.clock = clock;
		this.categories = categories;
		this.handling = handling;
		this.regions = regions;
		this.jdbc = jdbc;
		this.audit = audit;
		this.protector = protector;
		this.messages = messages;
	}

	// ---- services

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
			s.put("group", c.defaultLevel().name().toLowerCase(Locale.ROOT));
			services.add(s);
		}
		return services;
	}

	public Map<String, Object> definition(String code) {
		AppealCategories.Category category = categories.find(code)
			.orElseThrow(() -> new Open311Error(404, "open311.error.serviceCode.unknown", code));
		List<Map<String, Object>> values = new ArrayList<>();
		for (RegionNode n : places(null)) {
			Map<String, Object> value = new LinkedHashMap<>();
			value.put("key", n.code());
			value.put("name", regions.placeName(n));
			values.add(value);
		}
		Map<String, Object> attribute = new LinkedHashMap<>();
		attribute.put("variable", true);
		attribute.put("code", "region_code");
		attribute.put("datatype", "singlevaluelist");
		attribute.put("required", false);
		attribute.put("datatype_description", text("open311.attribute.region.datatype"));
		attribute.put("order", 1);
		attribute.put("description", text("open311.attribute.region.description"));
		attribute.put("values", values);
		Map<String, Object> definition = new LinkedHashMap<>();
		definition.put("service_code", category.code());
		definition.put("attributes", List.of(attribute));
		return definition;
	}


	// ---- POST requests

	/** The idempotency attribute, for GeoReport clients that cannot set the Idempotency-Key header. */
	public static final String IDEMPOTENCY_ATTRIBUTE = "attribute[idempotency_key]";

	/** An idempotency key: 1 to 100 visible ASCII characters (no spaces, no control characters). */
	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");

	/** How long a copy of a request waits for its first copy (same idempotency key) before it is told to come back. */
	static final Duration REPLAY_WAIT = Duration.ofSeconds(20);

	/** A claim without its appeal older than this was left by a node that died: a retry takes it over. */
	static final Duration CLAIM_STALE = Duration.ofMinutes(2);

	/** A POST's answer, and whether it is the stored answer of an earlier copy of the request (same idempotency key). */
	public record Posted(Map<String, Object> answer, boolean replayed) {
	}

	/** A request checked in full and not yet stored: what its appeal is made of. */
	private record Checked(Key key, AppealCategories.Category category, RegionNode region, boolean triage, String description,
			String address, String name, String phone, Double lat, Double lon, String mediaUrl, String accountId) {
	}

	/** A stored idempotency key: the request it was first used with (hashed) and, once made, its appeal and notice. */
	private record Claim(String requestHash, Long appealId, String notice, Instant createdAt) {
	}

	/**
	 * A new request: where it is comes from attribute[region_code], else from lat/long (the grid whose centre is
	 * nearest), else it is only an address (address_string or address_id), and the appeal waits at the county's
	 * triage (held by the county) until the command centre transfers it to its place. A position with no grid near
	 * it waits there too, its position kept. Everything is checked before anything is stored.
	 * <p>
	 * With an idempotency key (the Idempotency-Key header or attribute[idempotency_key]; per API key) a retry of the
	 * same request answers the first answer, even when the copies arrive together: the key is claimed by a row of its
	 * own (its unique key decides, committed at once), a copy that finds it claimed waits, holding no connection,
	 * for the first copy's answer. The same key with other fields is refused (422), storing nothing.
	 */
	public Posted post(Map<String, String> params, String idempotencyHeader) {
		Key key = requireKey(params.get("api_key"));
		String idempotencyKey = idempotencyKey(idempotencyHeader, params.get(IDEMPOTENCY_ATTRIBUTE));
		if (idempotencyKey == null) {
			Checked checked = check(key, params);
			return new Posted(transactions().execute(status -> store(checked)).answer(), false);
		}
		String hash = requestHash(params);
		long giveUpAt = System.nanoTime() + REPLAY_WAIT.toNanos();
		long pause = 10;
		while (true) {
			Optional<Claim> claim = claim(key.id(), idempotencyKey);
			if (claim.isPresent()) {
				if (!claim.get().requestHash().equals(hash)) {
					throw new Open311Error(422, "open311.error.idempotency.mismatch");
				}
				if (claim.get().appealId() != null) {
					return new Posted(replay(claim.get(), params), true);
				}
			}
			// not used yet (or left by a node that died): checked in full first, then claimed, then stored
			boolean stale = claim.isPresent() && claim.get().createdAt().isBefore(clock.instant().minus(CLAIM_STALE));
			if (claim.isEmpty() || stale) {
				Checked checked = check(key, params);
				if (stale ? takeOver(key.id(), idempotencyKey, claim.get().createdAt()) : claimNew(key.id(), idempotencyKey, hash)) {
					Map<String, Object> answer;
					try {
						answer = transactions().execute(status -> {
							Stored stored = store(checked);
							if (jdbc.sql("""
									UPDATE appeals_open311_idempotency SET appeal_id = :a, service_notice = :n
									WHERE key_id = :k AND idempotency_key = :i AND appeal_id IS NULL""")
								.param("a", stored.appealId()).param("n", stored.answer().get("service_notice"))
								.param("k", key.id()).param("i", idempotencyKey).update() != 1) {
								// the copy whose claim was taken over for stale finished after all: its answer stands, not a second appeal
								status.setRollbackOnly();
								return null;
							}
							return stored.answer();
						});
					}
					catch (RuntimeException failed) {
						// nothing was stored: the key is free for the next copy (or, if the database is gone, once the claim is stale)
						try {
							transactions().executeWithoutResult(status -> jdbc.sql(
									"DELETE FROM appeals_open311_idempotency WHERE key_id = :k AND idempotency_key = :i AND appeal_id IS NULL")
								.param("k", key.id()).param("i", idempotencyKey).update());
						}
						catch (RuntimeException alsoFailed) {
							failed.addSuppressed(alsoFailed);
						}
						throw failed;
					}
					if (answer != null) {
						return new Posted(answer, false);
					}
				}
				// another copy claimed it first: its answer is awaited like any other
				continue;
			}
			// the first copy is still at work
			if (System.nanoTime() - giveUpAt > 0) {
				throw new Open311Error(409, "open311.error.idempotency.inProgress");
			}
			try {
				Thread.sleep(pause);
			}
			catch (InterruptedException stopped) {
				Thread.currentThread().interrupt();
				throw new Open311Error(409, "open311.error.idempotency.inProgress");
			}
			pause = Math.min(pause * 2, 200);
		}
	}

	/** The key given, by header or attribute (the same if both), checked; null when none is. */
	private static String idempotencyKey(String header, String attribute) {
		if (header == null && attribute == null) {
			return null;
		}
		if (header != null && attribute != null && !header.equals(attribute)) {
			throw new Open311Error(400, "open311.error.idempotency.twoKeys");
		}
		String key = header != null ? header : attribute;
		if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
			throw new Open311Error(400, "open311.error.idempotency.key", 100);
		}
		return key;
	}

	/**
	 * What makes two copies of a request the same request: every field given but the key that signs it and the
	 * idempotency key itself, in name order, each with its length (so that no two different requests hash alike).
	 */
	static String requestHash(Map<String, String> params) {
		StringBuilder canonical = new StringBuilder();
		new java.util.TreeMap<>(params).forEach((name, value) -> {
			if (!name.equals("api_key") && !name.equals(IDEMPOTENCY_ATTRIBUTE)) {
				canonical.append(name.length()).append(':').append(name).append('=');
				canonical.append(value == null ? "-" : value.length() + ":" + value).append('\n');
			}
		});
		return sha256(canonical.toString());
	}

	private Optional<Claim> claim(long keyId, String idempotencyKey) {
		return jdbc.sql("""
				SELECT request_hash, appeal_id, service_notice, created_at FROM appeals_open311_idempotency
				WHERE key_id = :k AND idempotency_key = :i""")
			.param("k", keyId).param("i", idempotencyKey)
			.query((rs, i) -> new Claim(rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2), rs.getString(3),
					rs.getObject(4, OffsetDateTime.class).toInstant()))
			.optional();
	}

	/** Claims the key for this request, committed at once; false when another copy claimed it first. */
	private boolean claimNew(long keyId, String idempotencyKey, String hash) {
		try {
			transactions().executeWithoutResult(status -> jdbc.sql("""
					INSERT INTO appeals_open311_idempotency (key_id, idempotency_key, request_hash, created_at)
					VALUES (:k, :i, :h, :at)""")
				.param("k", keyId).param("i", idempotencyKey).param("h", hash)
				.param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update());
			return true;
		}
		catch (org.springframework.dao.DuplicateKeyException claimedMeanwhile) {
			return false;
		}
	}

	/** Takes over a claim its first copy never finished (its node died); false when another copy took it first. */
	private boolean takeOver(long keyId, String idempotencyKey, Instant claimedAt) {
		Integer taken = transactions().execute(status -> jdbc.sql("""
				UPDATE appeals_open311_idempotency SET created_at = :at
				WHERE key_id = :k AND idempotency_key = :i AND appeal_id IS NULL AND created_at = :was""")
			.param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("k", keyId).param("i", idempotencyKey)
			.param("was", claimedAt.atOffset(ZoneOffset.UTC)).update());
		return taken != null && taken == 1;
	}

	/** The first answer again: the same request id and notice (account_id is one of the fields, so the same too). */
	private Map<String, Object> replay(Claim claim, Map<String, String> params) {
		Map<String, Object> created = new LinkedHashMap<>();
		created.put("service_request_id", jdbc.sql("SELECT tracking_code FROM appeals_appeal WHERE id = :id")
			.param("id", claim.appealId()).query(String.class).single());
		created.put("service_notice", claim.notice());
		created.put("account_id", given(params, "account_id"));
		return created;
	}

	private org.springframework.transaction.support.TransactionTemplate transactions() {
		return new org.springframework.transaction.support.TransactionTemplate(transactionManager);
	}

	/** Every field checked, every look-up made; nothing stored. */
	private Checked check(Key key, Map<String, String> params) {
		String code = given(params, "service_code");
		if (code == null) {
			throw new Open311Error(400, "open311.error.required", "service_code");
		}
		AppealCategories.Category category = categories.find(code)
			.orElseThrow(() -> new Open311Error(404, "open311.error.serviceCode.unknown", code));
		String description = given(params, "description");
		String mediaUrl = mediaUrl(params.get("media_url"));
		String phone = given(params, "phone");
		String address = Optional.ofNullable(given(params, "address_string")).orElse(given(params, "address_id"));
		String name = String.join(" ", Optional.ofNullable(given(params, "last_name")).orElse(""),
				Optional.ofNullable(given(params, "first_name")).orElse("")).strip();
		// the fields every channel's appeals share are checked by the one rule set, their problems said in GeoReport's form
		var checked = rules.check(IntakeRules.Draft.of(AppealChannel.OPEN311, category.code(), description)
			.place(address, null, null).reporter(name, phone, false));
		if (!checked.ok()) {
			InputRejected.FieldProblem problem = checked.problems().get(0);
			throw new Open311Error(400, "open311.error.field", GEOREPORT_FIELDS.getOrDefault(problem.field(), problem.field()),
					messages.getMessage(problem.messageKey(), problem.args(), problem.messageKey(),
							org.springframework.context.i18n.LocaleContextHolder.getLocale()));
		}
		Double lat = coordinate(params, "lat", 90);
		Double lon = coordinate(params, "long", 180);
		if ((lat == null) != (lon == null)) {
			throw new Open311Error(400, "open311.error.latLong");
		}
		List<RegionNode> places = places(key.countyCode());
		RegionNode region;
		boolean triage = false;
		String regionCode = given(params, "attribute[region_code]");
		if (regionCode != null) {
			region = places.stream().filter(n -> n.code().equals(regionCode)).findFirst()
				.orElseThrow(() -> new Open311Error(400, "open311.error.regionCode.unknown", regionCode));
		}
		else if (lat != null) {
			Optional<RegionNode> nearest = nearestGrid(places, lat, lon);
			triage = nearest.isEmpty();
			region = nearest.orElseGet(() -> county(key));
		}
		else if (address != null) {
			triage = true;
			region = county(key);
		}
		else {
			throw new Open311Error(400, "open311.error.location");
		}
		return new Checked(key, category, region, triage, description == null ? "" : description, address,
				name.isEmpty() ? null : name, phone, lat, lon, mediaUrl, given(params, "account_id"));
	}

	private record Stored(long appealId, Map<String, Object> answer) {
	}

	/** The checked request's appeal, in the caller's transaction; its answer. */
	private Stored store(Checked request) {
		Appeal appeal = submitAppeal(request.category(), request.region(), request.triage(), request.description(),
				request.address(), request.name(), request.phone(), request.lat(), request.lon(), request.mediaUrl());
		// the key's client reads its own request in full later; everyone else only what the county marks public
		jdbc.sql("UPDATE appeals_appeal SET open311_key_id = :k WHERE id = :id").param("k", request.key().id())
			.param("id", appeal.getId()).update();
		Map<String, Object> created = new LinkedHashMap<>();
		created.put("service_request_id", appeal.getTrackingCode());
		created.put("service_notice", text(request.triage() ? "open311.notice.triage" : "open311.notice.created",
				appeal.getResolutionDue().atZone(WorkingCalendar.ZONE).toLocalDate()));
		created.put("account_id", request.accountId());
		return new Stored(appeal.getId(), created);
	}

	/**
	 * The one place where this gateway calls into the appeal core (AppealHandling, Appeal): a new appeal of the OPEN311
	 * channel, saved with its timeline entry, audit entry and event. A phone number is kept as the client gave it (a
	 * visitor's foreign number is no reason to lose the request); an appeal waiting at the county's triage is held by
	 * the county; the media_url is kept beside the appeal.
	 */
	private Appeal submitAppeal(AppealCategories.Category category, RegionNode region, boolean triage, String description,
			String address, String reporterName, String phone, Double lat, Double lon, String mediaUrl) {
		// a region above the villages is the county's triage: Appeal.submit holds it at the county level until it is placed
		return handling.create(AppealIntake.of(AppealChannel.OPEN311, description, "open311")
			.place(address, lat, lon)
			.reporter(reporterName, protector.protectPhoneAsGiven(phone))
			.media(mediaUrl), category, region);
	}

	private RegionNode county(Key key) {
		if (key.countyCode() != null) {
			return regions.byCode(key.countyCode()).orElseThrow(() -> new Open311Error(400, "open311.error.county"));
		}
		List<RegionNode> roots = regions.roots();
		if (roots.size() != 1) {
			// several counties and a key issued for none of them: nobody can tell whose triage it is
			throw new Open311Error(400, "open311.error.county");
		}
		return roots.get(0);
	}

	private static Optional<RegionNode> nearestGrid(List<RegionNode> places, double lat, double lon) {
		RegionNode best = null;
		double bestDistance = Double.MAX_VALUE;
		for (RegionNode n : places) {
			if (n.type() != RegionType.GRID || n.centreLat() == null || n.centreLon() == null) {
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
		return bestDistance <= NEAREST_GRID_KM ? Optional.ofNullable(best) : Optional.empty();
	}

	/** The villages, communities and grids requests may name, of the key's county or of every county. */
	private List<RegionNode> places(String countyCode) {
		List<RegionNode> counties = countyCode == null ? regions.roots() : regions.byCode(countyCode).stream().toList();
		return counties.stream().flatMap(root -> regions.subtree(root.path()).stream())
			.filter(n -> n.depth() >= AppealLevel.VILLAGE.depth() && (n.type() == RegionType.VILLAGE
					|| n.type() == RegionType.COMMUNITY || n.type() == RegionType.GRID))
			.toList();
	}

	// ---- GET requests

	/**
	 * Requests by service_request_id (comma-delimited; it overrides every other argument), or by service_code and
	 * status (both comma-delimited) submitted within start_date..end_date (instants, both included; at most 90
	 * days apart, the last 90 days when neither is given), newest first, a page at a time.
	 */
	public Found requests(Map<String, String> params) {
		Long caller = caller(params);
		StringBuilder where = new StringBuilder(" WHERE a.channel = 'OPEN311'").append(visible(caller));
		Map<String, Object> p = new HashMap<>();
		if (caller != null) {
			p.put("caller", caller);
		}
		List<String> ids = list(params.get("service_request_id"));
		int limit;
		int offset;
		if (!ids.isEmpty()) {
			if (ids.size() > PAGE_SIZE_MAX) {
				throw new Open311Error(400, "open311.error.tooMany", "service_request_id", PAGE_SIZE_MAX);
			}
			where.append(" AND a.tracking_code IN (:ids)");
			p.put("ids", ids.stream().map(id -> id.toUpperCase(Locale.ROOT)).toList());
			limit = PAGE_SIZE_MAX;
			offset = 0;
		}
		else {
			List<String> codes = list(params.get("service_code"));
			if (!codes.isEmpty()) {
				where.append(" AND a.category_code IN (:codes)");
				p.put("codes", codes);
			}
			Set<String> statuses = new LinkedHashSet<>();
			for (String s : list(params.get("status"))) {
				String status = s.toLowerCase(Locale.ROOT);
				if (!status.equals("open") && !status.equals("closed")) {
					throw new Open311Error(400, "open311.error.status", s);
				}
				statuses.add(status);
			}
			if (statuses.size() == 1) {
				where.append(statuses.contains("open") ? " AND a.status IN (:open)" : " AND a.status NOT IN (:open)");
				p.put("open", OPEN_STATUSES);
			}
			Instant[] window = window(params);
			where.append(" AND a.submitted_at >= :start AND a.submitted_at <= :end");
			p.put("start", OffsetDateTime.ofInstant(window[0], ZoneOffset.UTC));
			p.put("end", OffsetDateTime.ofInstant(window[1], ZoneOffset.UTC));
			int[] page = page(params);
			limit = page[1];
			offset = (page[0] - 1) * page[1];
		}
		p.put("limit", limit + 1);
		p.put("offset", offset);
		Map<String, String> names = new HashMap<>();
		categories.all().forEach(c -> names.put(c.code(), c.nameZh()));
		Map<String, double[]> centres = new HashMap<>();
		List<Map<String, Object>> found = jdbc.sql("""
				SELECT a.tracking_code, a.status, a.result_text, a.rejection_reason, a.category_code, a.description, a.handling_unit,
				  a.level, a.submitted_at, a.resolution_due, a.location_text, a.latitude, a.longitude, a.region_path, a.media_url,
				  a.open311_key_id,
				  (SELECT MAX(e.occurred_at) FROM appeals_event e WHERE e.appeal_id = a.id AND e.public_visible = TRUE) AS changed_at
				FROM appeals_appeal a""" + where + " ORDER BY a.submitted_at DESC, a.id DESC LIMIT :limit OFFSET :offset")
			.params(p)
			.query((rs, i) -> {
				AppealStatus status = AppealStatus.valueOf(rs.getString("status"));
				long submitter = rs.getLong("open311_key_id");
				boolean own = caller != null && !rs.wasNull() && submitter == caller;
				Map<String, Object> r = new LinkedHashMap<>();
				r.put("service_request_id", rs.getString("tracking_code"));
				r.put("status", status.isOpen() ? "open" : "closed");
				// the client that sent it reads the notes as written; the public a fixed phrase for where it stands
				r.put("status_notes", own ? (rs.getString("result_text") != null ? rs.getString("result_text") : rs.getString("rejection_reason"))
						: text("open311.statusNote." + status.name()));
				r.put("service_name", names.getOrDefault(rs.getString("category_code"), rs.getString("category_code")));
				r.put("service_code", rs.getString("category_code"));
				r.put("description", own ? rs.getString("description") : TextRedactor.redact(rs.getString("description")));
				r.put("agency_responsible", rs.getString("handling_unit") != null ? rs.getString("handling_unit")
						: AppealLevel.valueOf(rs.getString("level")).name().toLowerCase(Locale.ROOT));
				Instant submitted = rs.getObject("submitted_at", OffsetDateTime.class).toInstant();
				OffsetDateTime changed = rs.getObject("changed_at", OffsetDateTime.class);
				r.put("requested_datetime", w3c(submitted));
				// the submission time until the first change
				r.put("updated_datetime", w3c(changed == null || changed.toInstant().isBefore(submitted) ? submitted : changed.toInstant()));
				r.put("expected_datetime", w3c(rs.getObject("resolution_due", OffsetDateTime.class).toInstant()));
				r.put("address", own ? rs.getString("location_text") : TextRedactor.redact(rs.getString("location_text")));
				double[] position = rs.getObject("latitude") != null && rs.getObject("longitude") != null
						? new double[] {rs.getDouble("latitude"), rs.getDouble("longitude")}
						: centres.computeIfAbsent(rs.getString("region_path"), this::centreOf);
				r.put("lat", position == null ? null : own ? position[0] : rounded(position[0]));
				r.put("long", position == null ? null : own ? position[1] : rounded(position[1]));
				r.put("media_url", rs.getString("media_url"));
				return r;
			})
			.list();
		return page(found, limit);
	}

	/**
	 * The key the caller signed with, if any (a key given must be a valid one): its own requests it reads in full.
	 */
	private Long caller(Map<String, String> params) {
		return given(params, "api_key") == null ? null : requireKey(params.get("api_key")).id();
	}

	/**
	 * Which OPEN311 requests the caller sees: those the county marked public (every one when the county lists all by
	 * default) and the caller's own.
	 */
	private String visible(Long caller) {
		if (listPublicByDefault) {
			return "";
		}
		return caller == null ? " AND a.open311_public = TRUE" : " AND (a.open311_public = TRUE OR a.open311_key_id = :caller)";
	}

	/** A public entry's position to about 100 m: where the matter is, not whose door it is. */
	private static double rounded(double degrees) {
		return java.math.BigDecimal.valueOf(degrees).setScale(PUBLIC_DECIMALS, java.math.RoundingMode.HALF_UP).doubleValue();
	}

	private static final List<String> OPEN_STATUSES = Arrays.stream(AppealStatus.values()).filter(AppealStatus::isOpen)
		.map(Enum::name).toList();

	/** A request placed by region only is where its region (or the nearest ancestor with one) has its centre. */
	private double[] centreOf(String regionPath) {
		String[] codes = regionPath.substring(1).split("/");
		for (int i = codes.length - 1; i >= 0; i--) {
			Optional<RegionNode> node = regions.byCode(codes[i]).filter(n -> n.centreLat() != null && n.centreLon() != null);
			if (node.isPresent()) {
				return new double[] {node.get().centreLat(), node.get().centreLon()};
			}
		}
		return null;
	}

	// ---- servicerequestupdates (mySociety's extension)

	/**
	 * The public steps of OPEN311 requests (status changes, comments) made within start_date..end_date, oldest first,
	 * a page at a time. A step's text goes out only where the tracking page shows it too (a result, a rejection's
	 * reason, a comment); any other step is named by what happened.
	 */
	public Found updates(Map<String, String> params) {
		Long caller = caller(params);
		Instant[] window = window(params);
		int[] page = page(params);
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, Object> p = new HashMap<>();
		if (caller != null) {
			p.put("caller", caller);
		}
		List<Map<String, Object>> found = jdbc.sql("""
				SELECT e.id, e.occurred_at, e.action, e.to_status, e.note, e.media_url, a.tracking_code, a.open311_key_id
				FROM appeals_event e JOIN appeals_appeal a ON a.id = e.appeal_id
				WHERE a.channel = 'OPEN311' AND e.public_visible = TRUE AND e.action <> 'SUBMIT'
				  AND e.occurred_at >= :start AND e.occurred_at <= :end""" + visible(caller) + " ORDER BY e.occurred_at, e.id LIMIT :limit OFFSET :offset")
			.params(p)
			.param("start", OffsetDateTime.ofInstant(window[0], ZoneOffset.UTC))
			.param("end", OffsetDateTime.ofInstant(window[1], ZoneOffset.UTC))
			.param("limit", page[1] + 1)
			.param("offset", (page[0] - 1) * page[1])
			.query((rs, i) -> {
				String action = rs.getString("action");
				long submitter = rs.getLong("open311_key_id");
				boolean own = caller != null && !rs.wasNull() && submitter == caller;
				// the staff's own words go to the client that sent the request; the public reads what happened
				boolean noteIsPublic = own && (action.equals("COMMENT") || action.equals("RESOLVE") || action.equals("REJECT"));
				Map<String, Object> u = new LinkedHashMap<>();
				u.put("update_id", String.valueOf(rs.getLong("id")));
				u.put("service_request_id", rs.getString("tracking_code"));
				u.put("status", AppealStatus.valueOf(rs.getString("to_status")).isOpen() ? "OPEN" : "CLOSED");
				u.put("updated_datetime", w3c(rs.getObject("occurred_at", OffsetDateTime.class).toInstant()));
				u.put("description", noteIsPublic && rs.getString("note") != null ? rs.getString("note")
						: messages.getMessage("appeal.action." + action.toLowerCase(Locale.ROOT), null, action, locale));
				u.put("media_url", rs.getString("media_url"));
				return u;
			})
			.list();
		return page(found, page[1]);
	}

	/**
	 * A comment from the client on one of its requests (mySociety's POST servicerequestupdates): a public entry on the
	 * appeal's timeline. The client's status is its own view and changes nothing here (the appeal's steps are taken by
	 * the people handling it); names and e-mail are not kept.
	 */
	@Transactional
	public Map<String, Object> postUpdate(Map<String, String> params) {
		Key key = requireKey(params.get("api_key"));
		String id = given(params, "service_request_id");
		String description = given(params, "description");
		String clientDatetime = given(params, "updated_datetime");
		String clientStatus = given(params, "status");
		for (String[] required : new String[][] {{"service_request_id", id}, {"description", description},
				{"updated_datetime", clientDatetime}, {"status", clientStatus}}) {
			if (required[1] == null) {
				throw new Open311Error(400, "open311.error.required", required[0]);
			}
		}
		requireAtMost("description", description, org.grassroots.appeals.AppealLimits.DESCRIPTION_MAX);
		// checked as the spec asks, though the comment is timed by us: the client's clock is not the record's
		instant("updated_datetime", clientDatetime, false);
		if (!CLIENT_STATUS.matcher(clientStatus).matches()) {
			throw new Open311Error(400, "open311.error.clientStatus", clientStatus);
		}
		String mediaUrl = mediaUrl(params.get("media_url"));
		record Target(long id, String path) {
		}
		Target target = jdbc.sql("SELECT id, region_path FROM appeals_appeal WHERE tracking_code = :code AND channel = 'OPEN311'")
			.param("code", id.toUpperCase(Locale.ROOT))
			.query((rs, i) -> new Target(rs.getLong(1), rs.getString(2)))
			.optional()
			// a key issued for a county comments only on that county's requests
			.filter(t -> key.countyCode() == null || t.path().startsWith("/" + key.countyCode() + "/"))
			.orElseThrow(() -> new Open311Error(404, "open311.error.request.unknown", id));
		long updateId = comment(target.id(), key, description, mediaUrl);
		return Map.of("update_id", String.valueOf(updateId));
	}

	/**
	 * A client's comment as the appeal's own timeline entry (COMMENT, public, nothing else of the appeal changes),
	 * audited; returns the entry's id, the comment's update_id.
	 */
	long comment(long appealId, Key key, String text, String mediaUrl) {
		String actor = "open311:" + key.name();
		return handling.comment(appealId, actor.length() > 64 ? actor.substring(0, 64) : actor, text, mediaUrl);
	}

	// ---- arguments

	/** start_date..end_date as instants, both included: 90 days at most, the last 90 days when neither is given. */
	private Instant[] window(Map<String, String> params) {
		Instant start = instant("start_date", given(params, "start_date"), false);
		Instant end = instant("end_date", given(params, "end_date"), true);
		if (start == null && end == null) {
			end = Instant.now(clock);
		}
		if (start == null) {
			start = end.minus(SPAN_MAX);
		}
		else if (end == null) {
			end = start.plus(SPAN_MAX);
		}
		if (end.isBefore(start)) {
			throw new Open311Error(400, "open311.error.dates.order");
		}
		if (Duration.between(start, end).compareTo(SPAN_MAX) > 0) {
			throw new Open311Error(400, "open311.error.dates.span", SPAN_MAX.toDays());
		}
		return new Instant[] {start, end};
	}

	/**
	 * A W3C datetime with its offset (2026-12-04T08:30:15+08:00, 2026-12-04T00:30:15Z). A date alone is taken as the
	 * county's day: its first instant for a start, its last for an end.
	 */
	static Instant instant(String name, String value, boolean endOfDay) {
		if (value == null) {
			return null;
		}
		String v = PLUS_AS_SPACE.matcher(value).replaceFirst("$1+$2");
		try {
			if (v.length() == 10) {
				LocalDate day = LocalDate.parse(v);
				return endOfDay ? day.plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant().minus(1, ChronoUnit.MICROS)
						: day.atStartOfDay(WorkingCalendar.ZONE).toInstant();
			}
			return OffsetDateTime.parse(v).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new Open311Error(400, "open311.error.datetime", name, value);
		}
	}

	/** page (from 1) and page_size (at most, and by default, {@link #PAGE_SIZE_MAX}). */
	private static int[] page(Map<String, String> params) {
		int page = number(params, "page", 1);
		int size = Math.min(number(params, "page_size", PAGE_SIZE_MAX), PAGE_SIZE_MAX);
		if (page < 1 || size < 1 || (long) page * size >= Integer.MAX_VALUE) {
			throw new Open311Error(400, "open311.error.page", PAGE_SIZE_MAX);
		}
		return new int[] {page, size};
	}

	private static int number(Map<String, String> params, String name, int otherwise) {
		String value = given(params, name);
		try {
			return value == null ? otherwise : Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new Open311Error(400, "open311.error.page", PAGE_SIZE_MAX);
		}
	}

	/** One more row than a page was read: it only says that another page follows. */
	private static Found page(List<Map<String, Object>> rows, int size) {
		return rows.size() > size ? new Found(rows.subList(0, size), true) : new Found(rows, false);
	}

	private static List<String> list(String value) {
		if (value == null) {
			return List.of();
		}
		return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
	}

	/** A parameter as given, stripped, without NUL (which PostgreSQL cannot keep); null when blank. */
	private static String given(Map<String, String> params, String name) {
		String value = params.get(name);
		if (value == null) {
			return null;
		}
		value = value.replace("\u0000", "").strip();
		return value.isEmpty() ? null : value;
	}

	private static void requireAtMost(String name, String value, int max) {
		if (value != null && value.length() > max) {
			throw new Open311Error(400, "open311.error.tooLong", name, max);
		}
	}

	private static Double coordinate(Map<String, String> params, String name, double bound) {
		String value = given(params, name);
		if (value == null) {
			return null;
		}
		try {
			double d = Double.parseDouble(value);
			if (Double.isNaN(d) || Math.abs(d) > bound) {
				throw new NumberFormatException(value);
			}
			return d;
		}
		catch (NumberFormatException ex) {
			throw new Open311Error(400, "open311.error.coordinate", name);
		}
	}

	/** An absolute http(s) URL the client keeps its photo at; we keep the link, not the photo. */
	private static String mediaUrl(String value) {
		String url = value == null ? null : value.strip();
		if (url == null || url.isEmpty()) {
			return null;
		}
		try {
			URI uri = new URI(url);
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (url.length() > MEDIA_URL_MAX || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
				throw new URISyntaxException(url, "not an absolute http(s) URL");
			}
			return url;
		}
		catch (URISyntaxException ex) {
			throw new Open311Error(400, "open311.error.mediaUrl", MEDIA_URL_MAX);
		}
	}

	static String w3c(Instant instant) {
		return W3C.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(WorkingCalendar.ZONE));
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

	private Key requireKey(String key) {
		if (!StringUtils.hasText(key)) {
			throw new Open311Error(403, "open311.error.apiKey");
		}
		return jdbc.sql("SELECT id, name, county_code FROM appeals_open311_key WHERE key_hash = :h AND revoked = FALSE")
			.param("h", sha256(key.strip()))
			.query((rs, i) -> new Key(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.optional()
			.orElseThrow(() -> new Open311Error(403, "open311.error.apiKey"));
	}

	// ---- the public list, for the county

	/** Whether an OPEN311 appeal is in the public list, and whether this person may change that. */
	public record Listing(boolean listed, boolean mayChange) {
	}

	/** Empty for an appeal of another channel (or outside the person's scope). */
	public Optional<Listing> listing(CurrentUser user, long appealId) {
		return jdbc.sql("SELECT region_path, open311_public FROM appeals_appeal WHERE id = :id AND channel = 'OPEN311'")
			.param("id", appealId)
			.query((rs, i) -> new String[] {rs.getString(1), String.valueOf(rs.getBoolean(2))})
			.optional()
			.filter(r -> user.covers(r[0]))
			.map(r -> new Listing(Boolean.parseBoolean(r[1]), mayList(user)));
	}

	/** The county's appeal handlers decide what the public list shows. */
	private static boolean mayList(CurrentUser user) {
		return user.can(Permission.APPEAL_HANDLE) && user.depth() == AppealLevel.COUNTY.depth();
	}

	/**
	 * Lists an OPEN311 appeal publicly (or takes it off): its row's version is checked and moved on like any step's (a
	 * page that has gone stale answers 409), and the change is audited.
	 */
	@Transactional
	public void list(CurrentUser user, long appealId, int version, boolean listed) {
		if (!mayList(user)) {
			throw new org.springframework.security.access.AccessDeniedException("Only the county lists appeals publicly");
		}
		record Row(String path, String code, boolean listed) {
		}
		Row row = jdbc.sql("SELECT region_path, tracking_code, open311_public FROM appeals_appeal WHERE id = :id AND channel = 'OPEN311'")
			.param("id", appealId)
			.query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
			.optional()
			.filter(r -> user.covers(r.path()))
			.orElseThrow(org.grassroots.access.OutOfScopeException::new);
		if (jdbc.sql("UPDATE appeals_appeal SET open311_public = :p, version = version + 1 WHERE id = :id AND version = :v")
			.param("p", listed).param("id", appealId).param("v", version).update() != 1) {
			throw new org.springframework.dao.OptimisticLockingFailureException("Appeal " + appealId + " changed meanwhile");
		}
		audit.updated("appeal", appealId, row.path(), AuditTrail.summary(listed ? "open311Listed" : "open311Unlisted", row.code()),
				Map.of("open311Public", row.listed()), Map.of("open311Public", listed));
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

	/** Returns the key; it is shown once. It is issued for the county of the admin's scope. */
	@Transactional
	public String issue(CurrentUser admin, String name) {
		admin.require(Permission.ACCOUNT_ADMIN);
		byte[] bytes = new byte[24];
		random.nextBytes(bytes);
		String key = "o311_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		String county = admin.regionPath().substring(1).split("/")[0];
		store(name, key, admin.username(), county);
		audit.created("open311_key", name, null, "Open311 key issued", Map.of("name", name, "county", county));
		return key;
	}

	@Transactional
	public void revoke(CurrentUser admin, long id) {
		admin.require(Permission.ACCOUNT_ADMIN);
		if (jdbc.sql("UPDATE appeals_open311_key SET revoked = TRUE WHERE id = :id AND revoked = FALSE").param("id", id).update() == 1) {
			audit.updated("open311_key", id, null, "Open311 key revoked", Map.of("revoked", false), Map.of("revoked", true));
		}
	}

	/** A key issued for no county in particular (the demo's): address-only requests go to the one root county. */
	void store(String name, String key, String by) {
		store(name, key, by, null);
	}

	private void store(String name, String key, String by, String countyCode) {
		jdbc.sql("INSERT INTO appeals_open311_key (name, key_hash, created_by, created_at, county_code) VALUES (:n, :h, :by, :at, :c)")
			.param("n", name).param("h", sha256(key)).param("by", by).param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
			.param("c", countyCode)
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
