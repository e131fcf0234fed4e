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

/**
 * The deadline scan: open appeals past 80% of their working time get a yellow warning, overdue ones
 * a red one, each once. Runs every few minutes on one node at a time (ShedLock).
 */
@Component
public class DeadlineWarnings {

	private static final Logger log = LoggerFactory.getLogger(DeadlineWarnings.class);
	/** The open states, written as the partial indexes over open appeals say them (db/postgres V1_20_2): keep both alike. */
	private static final String OPEN = "('SUBMITTED','ACCEPTED','IN_PROGRESS')";

	private final JdbcClient jdbc;
	private final DeadlineWarningSender sender;
	private final Appeals appeals;
	private final AppealRows rows;
	private final java.time.Clock clock;
	private final org.springframework.transaction.support.TransactionTemplate transactions;
	private final int autoCloseDays;
	/** How many appeals one transaction of the scan warns: a backlog never holds their rows for long. */
	private final int chunkSize;

	DeadlineWarnings(JdbcClient jdbc, ObjectProvider<DeadlineWarningSender> senders, Appeals appeals, AppealRows rows,
			java.time.Clock clock, org.springframework.transaction.support.TransactionTemplate transactions,
			@org.springframework.beans.factory.annotation.Value("${grassroots.appeals.auto-close-days:7}") int autoCloseDays,
			@org.springframework.beans.factory.annotation.Value("${grassroots.appeals.deadline-scan-chunk:1000}") int chunkSize) {
		this.chunkSize = Math.max(1, chunkSize);
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.appeals = appeals;
		this.rows = rows;
		this.clock = clock;
		this.autoCloseDays = autoCloseDays;
		this.sender = senders.getIfAvailable(LogSender::new);
	}

	/** Without a gateway, warnings go to the log: each of a few, and a count for a large batch. */
	private static final class LogSender implements DeadlineWarningSender {

		@Override
		public void send(DeadlineWarning warning) {
			log.info("Deadline warning {} for appeal {} ({}), due {}", warning.level(), warning.trackingCode(),
					warning.handlingUnit() == null ? warning.regionPath() : warning.handlingUnit(), warning.resolutionDue());
		}

		@Override
		public void sendAll(List<DeadlineWarning> warnings) {
			warnings.stream().limit(10).forEach(this::send);
			if (warnings.size() > 10) {
				log.info("… and {} more {} deadline warnings", warnings.size() - 10, warnings.get(0).level());
			}
		}

	}

	public record ScanResult(int yellow, int red, int autoClosed) {
	}

	@Scheduled(fixedDelayString = "${grassroots.appeals.deadline-scan-interval:PT5M}", initialDelayString = "${grassroots.appeals.deadline-scan-initial-delay:PT1M}")
	// held at least most of a period, so that of several nodes only one scans in each period (database time: usingDbTime)
	@SchedulerLock(name = "appeals-deadline-scan", lockAtMostFor = "PT10M",
			lockAtLeastFor = "${grassroots.appeals.deadline-scan-lock-at-least:PT4M}")
	public void scheduledScan() {
		ScanResult result = scan(clock.instant());
		if (result.yellow() + result.red() + result.autoClosed() > 0) {
			log.info("Deadline scan: {} yellow, {} red, {} closed unrated", result.yellow(), result.red(), result.autoClosed());
		}
	}

	/**
	 * The warnings, a chunk of appeals a transaction (red first, then yellow); then each automatic close in one of its
	 * own (see {@link #autoClose}).
	 */
	public ScanResult scan(Instant now) {
		OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		// written so that the warning indexes (level, status, time) find exactly the rows due a warning
		int red = raise("RED", "warning_level IN ('NONE', 'YELLOW') AND status IN " + OPEN + " AND resolution_due < :now", at);
		int yellow = raise("YELLOW", "warning_level = 'NONE' AND status IN " + OPEN + " AND warning_at <= :now", at);
		return new ScanResult(yellow, red, autoClose(now));
	}

	/** Resolved appeals nobody rated within the configured days close by themselves, unrated. */
	private int autoClose(Instant now) {
		List<Long> ids = jdbc.sql("SELECT id FROM appeals_appeal WHERE status = 'RESOLVED' AND resolved_at < :before ORDER BY id")
			.param("before", OffsetDateTime.ofInstant(now.minus(java.time.Duration.ofDays(autoCloseDays)), ZoneOffset.UTC))
			.query(Long.class)
			.list();
		int closed = 0;
		for (long id : ids) {
			// each in a transaction of its own: a resident rating it at this very moment wins (the close is skipped, 409
			// for us), and nothing else of the scan is undone
			try {
				transactions.executeWithoutResult(status -> {
					Appeal appeal = appeals.findById(id).orElseThrow();
					appeal.close("system", now, "auto-closed unrated after " + autoCloseDays + " days");
					rows.save(appeal);
				});
				closed++;
			}
			catch (org.springframework.dao.OptimisticLockingFailureException | TransitionNotAllowed changedMeanwhile) {
				log.info("Appeal {} changed while it was being closed unrated; left as it is now", id);
			}
		}
		return closed;
	}

	/** The open appeals furthest past their deadline, in a scope. */
	public List<Notice> worstOverdue(String scopePattern, Instant now, int limit) {
		return jdbc.sql("""
				SELECT id, tracking_code, resolution_due FROM appeals_appeal
				WHERE region_path LIKE :p AND status IN """ + OPEN + """
				 AND resolution_due < :now ORDER BY resolution_due LIMIT :limit""")
			.param("p", scopePattern).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).param("limit", limit)
			.query((rs, i) -> new Notice(rs.getLong(1), rs.getString(2), "RED", now, rs.getObject(3, OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * Raises one level of warning on every appeal the condition picks, whatever their number (a backlog of a million
	 * overdue appeals included), {@code grassroots.appeals.deadline-scan-chunk} (1,000) appeals a transaction: their rows locked, their old notice of this
	 * kind replaced, the in-app notices inserted, the warnings handed to the sender and the level written, then
	 * committed. A step on one of them waits for one chunk at most, never for the whole scan; a chunk that fails is
	 * undone whole and picked again by the next scan (its warnings may then be sent again, never lost).
	 */
	private int raise(String level, String condition, OffsetDateTime now) {
		// the appeals due this warning now, read once (8 bytes each: a backlog of a million is 8 MB); those that fall due
		// meanwhile are the next scan's
		long[][] due = {new long[1024]};
		int[] count = {0};
		jdbc.sql("SELECT id FROM appeals_appeal WHERE " + condition).param("now", now).query(rs -> {
			if (count[0] == due[0].length) {
				due[0] = java.util.Arrays.copyOf(due[0], due[0].length * 2);
			}
			due[0][count[0]++] = rs.getLong(1);
		});
		int raised = 0;
		for (int from = 0; from < count[0]; from += chunkSize) {
			List<Long> chunk = java.util.Arrays.stream(due[0], from, Math.min(count[0], from + chunkSize)).boxed().toList();
			Integer done = transactions.execute(status -> {
				// locked, and checked again: a step may have taken one out of the condition since
				List<Long> ids = jdbc.sql("SELECT id FROM appeals_appeal WHERE id IN (:chunk) AND " + condition + " FOR UPDATE")
					.param("chunk", chunk).param("now", now).query(Long.class).list();
				if (ids.isEmpty()) {
					return 0;
				}
				// an appeal warned before and given more time (an extension) is warned afresh: its old notice of this kind goes
				jdbc.sql("DELETE FROM appeals_notification WHERE kind = :level AND appeal_id IN (:ids)")
					.param("level", level).param("ids", ids).update();
				jdbc.sql("INSERT INTO appeals_notification (appeal_id, region_path, kind, created_at) "
						+ "SELECT id, region_path, :level, :now FROM appeals_appeal WHERE id IN (:ids)")
					.param("level", level).param("now", now).param("ids", ids).update();
				sender.sendAll(jdbc.sql("SELECT id, tracking_code, region_path, handling_unit, resolution_due FROM appeals_appeal "
						+ "WHERE id IN (:ids) ORDER BY resolution_due, id")
					.param("ids", ids)
					.query((rs, i) -> new DeadlineWarning(rs.getLong(1), rs.getString(2), rs.getString(3), level, rs.getString(4),
							rs.getObject(5, OffsetDateTime.class).toInstant()))
					.list());
				jdbc.sql("UPDATE appeals_appeal SET warning_level = :level WHERE id IN (:ids)").param("level", level)
					.param("ids", ids).update();
				return ids.size();
			});
			raised += done == null ? 0 : done;
		}
		return raised;
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
