package org.grassroots.appeals.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.grassroots.appeals.DeadlineWarningSender;
import org.grassroots.appeals.DeadlineWarningSender.DeadlineWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The deadline scan: open appeals past 80% of their working time get a yellow warning, overdue ones
 * a red one, each once. Runs every few minutes on one node at a time (ShedLock).
 */
@Component
public class DeadlineWarnings {

	private static final Logger log = LoggerFactory.getLogger(DeadlineWarnings.class);
	private static final String OPEN = "('SUBMITTED','ACCEPTED','IN_PROGRESS')";

	private final JdbcClient jdbc;
	private final DeadlineWarningSender sender;

	DeadlineWarnings(JdbcClient jdbc, ObjectProvider<DeadlineWarningSender> senders) {
		this.jdbc = jdbc;
		this.sender = senders.getIfAvailable(() -> warning -> log.info("Deadline warning {} for appeal {} ({}), due {}",
				warning.level(), warning.trackingCode(), warning.handlingUnit() == null ? warning.regionPath() : warning.handlingUnit(),
				warning.resolutionDue()));
	}

	public record ScanResult(int yellow, int red) {
	}

	@Scheduled(fixedDelayString = "${grassroots.appeals.deadline-scan-interval:PT5M}", initialDelayString = "${grassroots.appeals.deadline-scan-initial-delay:PT1M}")
	@SchedulerLock(name = "appeals-deadline-scan", lockAtMostFor = "PT10M")
	public void scheduledScan() {
		ScanResult result = scan(Instant.now());
		if (result.yellow() + result.red() > 0) {
			log.info("Deadline scan: {} yellow, {} red", result.yellow(), result.red());
		}
	}

	@Transactional
	public ScanResult scan(Instant now) {
		OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		int red = raise("RED", "status IN " + OPEN + " AND resolution_due < :now AND warning_level <> 'RED'", at);
		int yellow = raise("YELLOW", "status IN " + OPEN + " AND warning_at <= :now AND warning_level = 'NONE'", at);
		return new ScanResult(yellow, red);
	}

	private int raise(String level, String condition, OffsetDateTime now) {
		List<DeadlineWarning> due = jdbc.sql("SELECT id, tracking_code, region_path, handling_unit, resolution_due FROM appeals_appeal WHERE "
				+ condition + " ORDER BY resolution_due")
			.param("now", now)
			.query((rs, i) -> new DeadlineWarning(rs.getLong(1), rs.getString(2), rs.getString(3), level, rs.getString(4),
					rs.getObject(5, OffsetDateTime.class).toInstant()))
			.list();
		if (due.isEmpty()) {
			return 0;
		}
		jdbc.sql("UPDATE appeals_appeal SET warning_level = :level WHERE " + condition).param("level", level).param("now", now).update();
		for (DeadlineWarning warning : due) {
			jdbc.sql("INSERT INTO appeals_notification (appeal_id, region_path, kind, created_at) VALUES (:a, :p, :k, :t)")
				.param("a", warning.appealId()).param("p", warning.regionPath()).param("k", level).param("t", now)
				.update();
			sender.send(warning);
		}
		return due.size();
	}

	public record Notice(long appealId, String trackingCode, String kind, Instant createdAt, Instant resolutionDue) {
	}

	/** The latest warnings within a scope, newest first. */
	public List<Notice> recent(String scopePattern, int limit) {
		return jdbc.sql("""
				SELECT n.appeal_id, a.tracking_code, n.kind, n.created_at, a.resolution_due
				FROM appeals_notification n JOIN appeals_appeal a ON a.id = n.appeal_id
				WHERE n.region_path LIKE :p AND a.status IN """ + OPEN + """
				 ORDER BY n.created_at DESC, n.id DESC LIMIT :limit""")
			.param("p", scopePattern)
			.param("limit", limit)
			.query((rs, i) -> new Notice(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class).toInstant()))
			.list();
	}

}
