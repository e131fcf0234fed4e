package org.grassroots.appeals.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.grassroots.appeals.AppealSubmitted;
import org.grassroots.appeals.AppealTransitioned;
import org.grassroots.appeals.AppealsSubmitted;
import org.grassroots.appeals.AppealsTransitioned;
import org.grassroots.audit.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The appeals' writes: a new appeal, a batch of them, and the steps an appeal took, each with its timeline entries, its
 * whistles, the events that keep the figures and the audit entries. New appeals written with one prepared statement (one at intake, a batch at a time on import). Intake is the
 * hot path the design lets drop below the repository: the intake benchmark found Spring Data JDBC rendering
 * this INSERT anew for every appeal, about 30% of a request's CPU; the steps' UPDATE, with the same version check
 * as the repository's, is written out here too (the demo county's start-up spent a fifth of its time rendering it).
 * Reads stay on {@link Appeals}.
 */
@Component
class AppealRows {

	private static final String INSERT = """
			INSERT INTO appeals_appeal (tracking_code, channel, category_code, description, region_id, region_path, village_code,
			  location_text, latitude, longitude, resident_id, reporter_name, phone_cipher, phone_hash, phone_masked, status, level,
			  handling_unit, submitted_at, submitted_by, response_due, resolution_due, accepted_at, resolved_at, resolved_level,
			  result_text, rejection_reason, rating, rated_at, closed_at, reopen_count, submission_key, client_hash, warning_at,
			  external_ref, extension_count, merged_into_id, warning_level, referred_at, media_url, version)
			VALUES (:trackingCode, :channel, :categoryCode, :description, :regionId, :regionPath, :villageCode,
			  :locationText, :latitude, :longitude, :residentId, :reporterName, :phoneCipher, :phoneHash, :phoneMasked, :status, :level,
			  :handlingUnit, :submittedAt, :submittedBy, :responseDue, :resolutionDue, :acceptedAt, :resolvedAt, :resolvedLevel,
			  :resultText, :rejectionReason, :rating, :ratedAt, :closedAt, :reopenCount, :submissionKey, :clientHash, :warningAt,
			  :externalRef, :extensionCount, :mergedIntoId, :warningLevel, :referredAt, :mediaUrl, 0)""";

	private static final String UPDATE = """
			UPDATE appeals_appeal SET tracking_code = :trackingCode, channel = :channel, category_code = :categoryCode,
			  description = :description, region_id = :regionId, region_path = :regionPath, village_code = :villageCode,
			  location_text = :locationText, latitude = :latitude, longitude = :longitude, resident_id = :residentId,
			  reporter_name = :reporterName, phone_cipher = :phoneCipher, phone_hash = :phoneHash, phone_masked = :phoneMasked,
			  status = :status, level = :level, handling_unit = :handlingUnit, submitted_at = :submittedAt, submitted_by = :submittedBy,
			  response_due = :responseDue, resolution_due = :resolutionDue, accepted_at = :acceptedAt, resolved_at = :resolvedAt,
			  resolved_level = :resolvedLevel, result_text = :resultText, rejection_reason = :rejectionReason, rating = :rating,
			  rated_at = :ratedAt, closed_at = :closedAt, reopen_count = :reopenCount, submission_key = :submissionKey,
			  client_hash = :clientHash, warning_at = :warningAt, external_ref = :externalRef, extension_count = :extensionCount,
			  merged_into_id = :mergedIntoId,
			  warning_level = CASE WHEN :warningReset THEN :warningLevel ELSE warning_level END, referred_at = :referredAt, media_url = :mediaUrl, version = version + 1
			WHERE id = :id AND version = :version""";

	private static final String TIMELINE = """
			INSERT INTO appeals_event (appeal_id, occurred_at, actor, action, from_status, to_status, level, note, public_visible,
			  media_url)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private static final String[] KEY = {"id"};

	private final NamedParameterJdbcTemplate jdbc;
	private final JdbcTemplate batch;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;

	AppealRows(NamedParameterJdbcTemplate jdbc, JdbcTemplate batch, ApplicationEventPublisher events, AuditTrail audit) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.events = events;
		this.audit = audit;
	}

	/**
	 * Saves a new appeal with what its submission left pending: the row, the timeline entry, the event (the figures), and
	 * the audit entry last (it takes the audit chain's one lock, held until commit: every appeal write locks the shared
	 * rollup rows before it, so two writers never wait on each other in a circle).
	 */
	void create(Appeal appeal) {
		insert(appeal);
		timeline(List.of(appeal));
		appeal.events().forEach(events::publishEvent);
		audit.created("appeal", appeal.id, appeal.regionPath, appeal.trackingCode, appeal.snapshot());
		appeal.saved();
	}

	/**
	 * Many new appeals at once (a 12345 import): rows, timeline entries and audit entries a batch at a time, and the
	 * rollups hear of the batch in one event.
	 */
	void createAll(List<Appeal> appeals) {
		if (appeals.isEmpty()) {
			return;
		}
		insertAll(appeals);
		timeline(appeals);
		events.publishEvent(new AppealsSubmitted(appeals.stream()
			.flatMap(a -> a.events().stream()).filter(AppealSubmitted.class::isInstance).map(AppealSubmitted.class::cast).toList()));
		audit.createdAll("appeal", appeals.stream()
			.map(a -> new AuditTrail.Created(a.id, a.regionPath, a.trackingCode, a.snapshot())).toList());
		appeals.forEach(Appeal::saved);
	}

	/**
	 * Saves the steps an appeal took since it was read: the row if nobody changed it meanwhile (else 409), its whistles,
	 * its timeline entries, the events (the figures), then an audit entry per step with the appeal before and after.
	 */
	List<Long> save(Appeal appeal) {
		if (appeal.taken().stream().anyMatch(Appeal.Taken::changesRow)) {
			update(appeal);
		}
		whistles(appeal);
		List<Long> entries = timeline(List.of(appeal));
		appeal.events().forEach(events::publishEvent);
		Map<String, Object> after = appeal.snapshot();
		for (Appeal.Taken t : appeal.taken()) {
			if (t.changedTheAppeal()) {
				audit.updated("appeal", appeal.id, appeal.regionPath, org.grassroots.audit.AuditTrail.summary("step", t.entry().action(), appeal.trackingCode), t.before(),
						t.changesRow() ? after : withEntry(after, t.entry()));
			}
		}
		appeal.saved();
		return entries;
	}

	/** The audit's "after" of a step that changes only the timeline (a comment): the appeal, and what was added to it. */
	private static Map<String, Object> withEntry(Map<String, Object> appeal, TimelineEntry entry) {
		Map<String, Object> after = new java.util.LinkedHashMap<>(appeal);
		after.put(entry.action().name().toLowerCase(java.util.Locale.ROOT), entry.note());
		if (entry.mediaUrl() != null) {
			after.put("mediaUrl", entry.mediaUrl());
		}
		return after;
	}

	/** The appeal's whistles: new ones inserted, answered ones updated. */
	private void whistles(Appeal appeal) {
		for (Whistle w : appeal.whistles) {
			if (w.id == null) {
				GeneratedKeyHolder key = new GeneratedKeyHolder();
				jdbc.update("""
						INSERT INTO appeals_whistle (appeal_id, department, whistled_by, whistled_at, report_due)
						VALUES (:appeal, :department, :by, :at, :due)""", new MapSqlParameterSource().addValue("appeal", appeal.id)
					.addValue("department", w.department).addValue("by", w.whistledBy).addValue("at", time(w.whistledAt))
					.addValue("due", time(w.reportDue)), key, KEY);
				w.id = key.getKey().longValue();
			}
			else if (w.changed) {
				jdbc.update("UPDATE appeals_whistle SET reported_at = :at, reported_by = :by, reply = :reply WHERE id = :id",
						new MapSqlParameterSource().addValue("at", time(w.reportedAt)).addValue("by", w.reportedBy)
							.addValue("reply", w.reply).addValue("id", w.id));
			}
		}
	}

	/**
	 * Appeals made with their whole history at once (the demo county's year): each row once as its history left it,
	 * every timeline entry, and the events of all their steps in two batches, so that the rollups count set-wise.
	 */
	void createWithHistory(List<Appeal> appeals) {
		for (int from = 0; from < appeals.size(); from += 500) {
			insertAll(appeals.subList(from, Math.min(appeals.size(), from + 500)));
		}
		appeals.forEach(this::whistles);
		timeline(appeals);
		List<AppealSubmitted> submitted = new ArrayList<>(appeals.size());
		List<AppealTransitioned> steps = new ArrayList<>();
		for (Appeal a : appeals) {
			for (Object event : a.events()) {
				if (event instanceof AppealSubmitted s) {
					submitted.add(s);
				}
				else if (event instanceof AppealTransitioned t) {
					steps.add(t);
				}
				else {
					events.publishEvent(event);
				}
			}
			a.saved();
		}
		events.publishEvent(new AppealsSubmitted(submitted));
		events.publishEvent(new AppealsTransitioned(steps));
	}

	/** Writes the timeline entries the appeals' steps left pending; returns their ids, in order. */
	private List<Long> timeline(List<Appeal> appeals) {
		List<Object[]> entries = new ArrayList<>();
		for (Appeal a : appeals) {
			for (Appeal.Taken t : a.taken()) {
				TimelineEntry e = t.entry();
				entries.add(new Object[] {a.id, time(e.at()), e.actor(), e.action().name(), e.from() == null ? null : e.from().name(),
						e.to().name(), e.level().name(), e.note(), e.publicVisible(), e.mediaUrl()});
			}
		}
		if (entries.size() == 1) {
			GeneratedKeyHolder key = new GeneratedKeyHolder();
			batch.update(connection -> {
				var statement = connection.prepareStatement(TIMELINE, KEY);
				Object[] values = entries.get(0);
				for (int i = 0; i < values.length; i++) {
					org.springframework.jdbc.core.StatementCreatorUtils.setParameterValue(statement, i + 1,
							org.springframework.jdbc.core.SqlTypeValue.TYPE_UNKNOWN, values[i]);
				}
				return statement;
			}, key);
			return List.of(key.getKey().longValue());
		}
		if (!entries.isEmpty()) {
			batch.batchUpdate(TIMELINE, entries);
		}
		return List.of();
	}

	/** Inserts a new appeal and gives it its id and first version. */
	private void insert(Appeal appeal) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.update(INSERT, parameters(appeal), key, KEY);
		appeal.id = key.getKey().longValue();
		appeal.version = 0;
	}

	/**
	 * Writes a changed appeal if nobody changed it since it was read (its version still matches) and moves it to
	 * the next version; otherwise throws, which the web layer answers with 409.
	 */
	private void update(Appeal appeal) {
		// the deadline scan sets warning_level without a version (set-wise, for a million rows): a step writes it only when
		// it set it back itself, so that it never writes back a level read before the scan raised it
		MapSqlParameterSource parameters = parameters(appeal).addValue("id", appeal.id).addValue("version", appeal.version)
			.addValue("warningReset", appeal.warningReset);
		if (jdbc.update(UPDATE, parameters) != 1) {
			throw new org.springframework.dao.OptimisticLockingFailureException(
					"Appeal " + appeal.id + " changed since version " + appeal.version + " was read");
		}
		appeal.version = appeal.version + 1;
	}

	/** Inserts new appeals in one batch, each given its id and first version. */
	private void insertAll(List<Appeal> batch) {
		if (batch.isEmpty()) {
			return;
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.batchUpdate(INSERT, batch.stream().map(AppealRows::parameters).toArray(SqlParameterSource[]::new), keys, KEY);
		List<java.util.Map<String, Object>> ids = keys.getKeyList();
		if (ids.size() != batch.size()) {
			throw new IllegalStateException("Expected " + batch.size() + " generated ids, got " + ids.size());
		}
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).id = ((Number) ids.get(i).values().iterator().next()).longValue();
			batch.get(i).version = 0;
		}
	}

	private static MapSqlParameterSource parameters(Appeal a) {
		return new MapSqlParameterSource()
			.addValue("trackingCode", a.trackingCode)
			.addValue("channel", a.channel.name())
			.addValue("categoryCode", a.categoryCode)
			.addValue("description", a.description)
			.addValue("regionId", a.regionId)
			.addValue("regionPath", a.regionPath)
			.addValue("villageCode", a.villageCode)
			.addValue("locationText", a.locationText, java.sql.Types.VARCHAR)
			.addValue("latitude", a.latitude, java.sql.Types.DOUBLE)
			.addValue("longitude", a.longitude, java.sql.Types.DOUBLE)
			.addValue("residentId", a.residentId, java.sql.Types.BIGINT)
			.addValue("reporterName", a.reporterName, java.sql.Types.VARCHAR)
			.addValue("phoneCipher", a.phoneCipher, java.sql.Types.VARCHAR)
			.addValue("phoneHash", a.phoneHash, java.sql.Types.VARCHAR)
			.addValue("phoneMasked", a.phoneMasked, java.sql.Types.VARCHAR)
			.addValue("status", a.status.name())
			.addValue("level", a.level.name())
			.addValue("handlingUnit", a.handlingUnit, java.sql.Types.VARCHAR)
			.addValue("submittedAt", time(a.submittedAt))
			.addValue("submittedBy", a.submittedBy)
			.addValue("responseDue", time(a.responseDue))
			.addValue("resolutionDue", time(a.resolutionDue))
			.addValue("acceptedAt", time(a.acceptedAt), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.addValue("resolvedAt", time(a.resolvedAt), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.addValue("resolvedLevel", a.resolvedLevel == null ? null : a.resolvedLevel.name(), java.sql.Types.VARCHAR)
			.addValue("resultText", a.resultText, java.sql.Types.VARCHAR)
			.addValue("rejectionReason", a.rejectionReason, java.sql.Types.VARCHAR)
			.addValue("rating", a.rating == null ? null : a.rating.name(), java.sql.Types.VARCHAR)
			.addValue("ratedAt", time(a.ratedAt), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.addValue("closedAt", time(a.closedAt), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.addValue("reopenCount", a.reopenCount)
			.addValue("submissionKey", a.submissionKey, java.sql.Types.VARCHAR)
			.addValue("clientHash", a.clientHash, java.sql.Types.VARCHAR)
			.addValue("warningAt", time(a.warningAt), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.addValue("externalRef", a.externalRef, java.sql.Types.VARCHAR)
			.addValue("extensionCount", a.extensionCount)
			.addValue("mergedIntoId", a.mergedIntoId, java.sql.Types.BIGINT)
			.addValue("warningLevel", a.warningLevel)
			.addValue("referredAt", time(a.referredAt), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.addValue("mediaUrl", a.mediaUrl, java.sql.Types.VARCHAR);
	}

	private static OffsetDateTime time(Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
