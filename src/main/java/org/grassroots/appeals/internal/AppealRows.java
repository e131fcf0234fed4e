package org.grassroots.appeals.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * New appeals written with one prepared statement (one at intake, a batch at a time on import). Intake is the
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
			  external_ref, extension_count, merged_into_id, warning_level, version)
			VALUES (:trackingCode, :channel, :categoryCode, :description, :regionId, :regionPath, :villageCode,
			  :locationText, :latitude, :longitude, :residentId, :reporterName, :phoneCipher, :phoneHash, :phoneMasked, :status, :level,
			  :handlingUnit, :submittedAt, :submittedBy, :responseDue, :resolutionDue, :acceptedAt, :resolvedAt, :resolvedLevel,
			  :resultText, :rejectionReason, :rating, :ratedAt, :closedAt, :reopenCount, :submissionKey, :clientHash, :warningAt,
			  :externalRef, :extensionCount, :mergedIntoId, :warningLevel, 0)""";

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
			  merged_into_id = :mergedIntoId, warning_level = :warningLevel, version = version + 1
			WHERE id = :id AND version = :version""";

	private static final String[] KEY = {"id"};

	private final NamedParameterJdbcTemplate jdbc;

	AppealRows(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts a new appeal and gives it its id and first version. */
	void insert(Appeal appeal) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.update(INSERT, parameters(appeal), key, KEY);
		appeal.id = key.getKey().longValue();
		appeal.version = 0;
	}

	/**
	 * Writes a changed appeal if nobody changed it since it was read (its version still matches) and moves it to
	 * the next version; otherwise throws, which the web layer answers with 409.
	 */
	void update(Appeal appeal) {
		MapSqlParameterSource parameters = parameters(appeal).addValue("id", appeal.id).addValue("version", appeal.version);
		if (jdbc.update(UPDATE, parameters) != 1) {
			throw new org.springframework.dao.OptimisticLockingFailureException(
					"Appeal " + appeal.id + " changed since version " + appeal.version + " was read");
		}
		appeal.version = appeal.version + 1;
	}

	/** Inserts new appeals in one batch, each given its id and first version. */
	void insertAll(List<Appeal> batch) {
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
			.addValue("warningLevel", a.warningLevel);
	}

	private static OffsetDateTime time(Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
