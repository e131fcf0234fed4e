package org.grassroots.disputes.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.RegionType;
import org.grassroots.shell.InputRejected;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * 排查: each village reports its screening round each month — how many disputes it found, or a zero
 * report (零报告) — and a village that has not reported is flagged.
 */
@Service
public class Screenings {

	public record Form(String regionCode, String period, Integer found,
			@jakarta.validation.constraints.Size(max = 1000, message = "{validation.maxLength}") String note, Integer version) {
	}

	public enum State {
		FOUND, ZERO, MISSING
	}

	public record VillageRound(String code, String name, String townshipName, State state, Integer found, String note,
			String reportedBy, Instant reportedAt, Integer version) {
	}

	public record Round(String period, List<VillageRound> villages, long reported, long zero, long missing, long found) {
	}

	private final JdbcClient jdbc;
	private final RegionTree regions;
	private final AuditTrail audit;

	/** The one clock (shell): never now() here. */
	private final java.time.Clock clock;

	Screenings(JdbcClient jdbc, RegionTree regions, AuditTrail audit, java.time.Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.regions = regions;
		this.audit = audit;
	}

	static YearMonth period(String text) {
		try {
			return text == null || text.isBlank() ? YearMonth.now(WorkingCalendar.ZONE) : YearMonth.parse(text.strip());
		}
		catch (java.time.format.DateTimeParseException bad) {
			throw new InputRejected("period", "dispute.screening.period");
		}
	}

	@Transactional
	public VillageRound report(CurrentUser user, Form form) {
		user.require(Permission.DISPUTE_HANDLE);
		RegionNode village = regions.byCode(form.regionCode() == null ? "" : form.regionCode().strip())
			.filter(r -> r.type() == RegionType.VILLAGE || r.type() == RegionType.COMMUNITY)
			.orElseThrow(() -> new InputRejected("regionCode", "dispute.screening.village"));
		if (!user.covers(village.path())) {
			throw new OutOfScopeException();
		}
		YearMonth period = period(form.period());
		if (period.isAfter(YearMonth.now(WorkingCalendar.ZONE))) {
			throw new InputRejected("period", "dispute.screening.period");
		}
		if (form.found() == null || form.found() < 0 || form.found() > 999) {
			throw new InputRejected("found", "dispute.screening.found");
		}
		if (form.note() != null && form.note().length() > 1000) {
			throw new InputRejected("note", "validation.tooLong");
		}
		var existing = jdbc.sql("SELECT found, version FROM disputes_screening WHERE region_id = :r AND period = :p")
			.param("r", village.id()).param("p", period.toString())
			.query((rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)}).optional();
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		String note = StringUtils.hasText(form.note()) ? form.note().strip() : null;
		if (existing.isPresent()) {
			if (form.version() == null || form.version() != existing.get()[1]) {
				throw new OptimisticLockingFailureException("The round was reported by someone else meanwhile");
			}
			jdbc.sql("""
					UPDATE disputes_screening SET found = :f, note = :n, reported_by = :by, reported_at = :at, version = version + 1
					WHERE region_id = :r AND period = :p AND version = :v""")
				.param("f", form.found()).param("n", note).param("by", user.username()).param("at", now)
				.param("r", village.id()).param("p", period.toString()).param("v", form.version())
				.update();
			audit.updated("screening", village.code() + "/" + period, village.path(), "screening round " + period,
					Map.of("found", existing.get()[0]), Map.of("found", form.found()));
		}
		else {
			jdbc.sql("""
					INSERT INTO disputes_screening (region_id, region_path, period, found, note, reported_by, reported_at)
					VALUES (:r, :path, :p, :f, :n, :by, :at)""")
				.param("r", village.id()).param("path", village.path()).param("p", period.toString()).param("f", form.found())
				.param("n", note).param("by", user.username()).param("at", now)
				.update();
			audit.created("screening", village.code() + "/" + period, village.path(),
					form.found() == 0 ? "zero report " + period : "screening round " + period, Map.of("found", form.found()));
		}
		return round(user, village.code(), period.toString()).villages().get(0);
	}

	/** Every village at or beneath a node, with its report for the month or flagged as missing. */
	public Round round(CurrentUser user, String regionCode, String periodText) {
		user.require(Permission.DISPUTE_READ);
		RegionNode node = regions.byCode(StringUtils.hasText(regionCode) ? regionCode.strip() : user.regionCode())
			.orElseThrow(OutOfScopeException::new);
		user.requireInScope(node.path());
		YearMonth period = period(periodText);
		Map<Long, VillageRound> reports = new HashMap<>();
		jdbc.sql("SELECT * FROM disputes_screening WHERE region_path LIKE :p AND period = :period")
			.param("p", node.path() + "%").param("period", period.toString())
			.query((rs, i) -> reports.put(rs.getLong("region_id"), new VillageRound(null, null, null,
					rs.getInt("found") == 0 ? State.ZERO : State.FOUND, rs.getInt("found"), rs.getString("note"),
					rs.getString("reported_by"), rs.getObject("reported_at", OffsetDateTime.class).toInstant(), rs.getInt("version"))))
			.list();
		List<RegionNode> inRound = regions.subtree(node.path()).stream()
			.filter(r -> r.type() == RegionType.VILLAGE || r.type() == RegionType.COMMUNITY)
			.toList();
		// the townships read together, not one query per village
		Map<Long, RegionNode> townships = regions.byIds(inRound.stream().map(RegionNode::parentId)
			.filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
		List<VillageRound> villages = inRound.stream()
			.map(v -> {
				RegionNode parent = v.parentId() == null ? null : townships.get(v.parentId());
				String township = parent == null ? "" : parent.name();
				VillageRound r = reports.get(v.id());
				return r == null ? new VillageRound(v.code(), v.name(), township, State.MISSING, null, null, null, null, null)
						: new VillageRound(v.code(), v.name(), township, r.state(), r.found(), r.note(), r.reportedBy(), r.reportedAt(),
								r.version());
			})
			.toList();
		long missing = villages.stream().filter(v -> v.state() == State.MISSING).count();
		long zero = villages.stream().filter(v -> v.state() == State.ZERO).count();
		long found = villages.stream().filter(v -> v.found() != null).mapToLong(VillageRound::found).sum();
		return new Round(period.toString(), villages, villages.size() - missing, zero, missing, found);
	}

}
