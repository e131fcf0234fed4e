package org.grassroots.shell;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bulk work as a job: the request that starts it gets the job's id at once; the work runs on a small pool of its own
 * and commits in batches, each in a short transaction of its own (so intake and reads go on between them), saying how
 * far it got after each. What a job did, and whether it ended, is read back by its id ({@code /api/v1/jobs/{id}}).
 * A node that dies mid-job leaves it RUNNING with an old heartbeat: it reads as interrupted, and sending the file again
 * resumes it (imports skip what is already in).
 */
@Component
public class Jobs implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Jobs.class);

	/** A RUNNING job whose heartbeat is older than this was interrupted (its node stopped). */
	static final Duration STALE = Duration.ofMinutes(2);

	public enum Status {
		RUNNING, DONE, FAILED, INTERRUPTED
	}

	/** What a job says of itself. */
	public record View(long id, String kind, long ownerId, String ownerName, String regionPath, Status status, int total, int done,
			int created, int skipped, java.util.Map<String, Integer> counts, String message, Instant createdAt, Instant finishedAt) {

		public boolean finished() {
			return status != Status.RUNNING;
		}

		public int percent() {
			return total == 0 ? (finished() ? 100 : 0) : (int) Math.min(100, done * 100L / total);
		}

		/** What the API says of it (not the owner's id nor the region path). */
		public java.util.Map<String, Object> describe() {
			java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
			body.put("job", id);
			body.put("kind", kind);
			body.put("status", status.name());
			body.put("total", total);
			body.put("done", done);
			body.put("percent", percent());
			body.put("created", created);
			body.put("skipped", skipped);
			body.putAll(counts);
			body.put("startedBy", ownerName);
			body.put("createdAt", createdAt);
			body.put("finishedAt", finishedAt);
			return body;
		}

	}

	/** Told how far the work got; each call is its own short UPDATE. */
	public interface Progress {

		void advanced(int done, int created, int skipped);

		/** As above, with what the work counts beyond created and skipped, by name (shown by the API as they are). */
		void advanced(int done, int created, int skipped, java.util.Map<String, Integer> counts);

	}

	/** The work itself: runs its batches (each its own transaction), reporting as it goes; returns its last word. */
	public interface Work {

		String run(Progress progress) throws Exception;

	}

	private final JdbcClient jdbc;
	private final Clock clock;
	private final ThreadPoolExecutor pool;
	private final Duration answerWithin;

	Jobs(JdbcClient jdbc, Clock clock, @Value("${grassroots.jobs.threads:1}") int threads,
			@Value("${grassroots.jobs.queue:8}") int queue,
			@Value("${grassroots.jobs.answer-within:10s}") Duration answerWithin) {
		this.jdbc = jdbc;
		this.answerWithin = answerWithin;
		this.clock = clock;
		this.pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(queue), runnable -> {
			Thread thread = new Thread(runnable, "grassroots-job");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Records a job for its owner and starts it.
	 *
	 * @throws ServiceBusy when as many jobs wait as the queue holds
	 */
	public long start(String kind, long ownerId, String ownerName, String regionPath, int total, Work work) {
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO shell_job (kind, owner_id, owner_name, region_path, status, total, done, created, skipped, created_at,
				    heartbeat_at)
				VALUES (:kind, :owner, :name, :path, 'RUNNING', :total, 0, 0, 0, :now, :now)""")
			.param("kind", kind).param("owner", ownerId).param("name", ownerName).param("path", regionPath).param("total", total)
			.param("now", now)
			.update(keys, "id");
		long id = keys.getKey().longValue();
		// the work acts as the person who started it (the audit trail names them)
		org.springframework.security.core.context.SecurityContext as = org.springframework.security.core.context.SecurityContextHolder
			.createEmptyContext();
		as.setAuthentication(org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication());
		try {
			pool.execute(() -> {
				org.springframework.security.core.context.SecurityContextHolder.setContext(as);
				try {
					run(id, work);
				}
				finally {
					org.springframework.security.core.context.SecurityContextHolder.clearContext();
				}
			});
		}
		catch (RejectedExecutionException full) {
			finish(id, Status.FAILED, "busy");
			throw new ServiceBusy("jobs", 30);
		}
		return id;
	}

	private void run(long id, Work work) {
		try {
			String message = work.run(new Progress() {

				@Override
				public void advanced(int done, int created, int skipped) {
					jdbc.sql("""
							UPDATE shell_job SET done = :done, created = :created, skipped = :skipped, heartbeat_at = :now WHERE id = :id""")
						.param("done", done).param("created", created).param("skipped", skipped)
						.param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("id", id).update();
				}

				@Override
				public void advanced(int done, int created, int skipped, java.util.Map<String, Integer> counts) {
					jdbc.sql("""
							UPDATE shell_job SET done = :done, created = :created, skipped = :skipped, counts = :counts,
							    heartbeat_at = :now
							WHERE id = :id""")
						.param("done", done).param("created", created).param("skipped", skipped).param("counts", writeCounts(counts))
						.param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("id", id).update();
				}

			});
			finish(id, Status.DONE, message);
		}
		catch (Exception | Error failed) {
			log.error("Job {} failed", id, failed);
			finish(id, Status.FAILED, failed.getClass().getSimpleName());
		}
	}

	private void finish(long id, Status status, String message) {
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		jdbc.sql("UPDATE shell_job SET status = :status, message = :message, finished_at = :now, heartbeat_at = :now WHERE id = :id")
			.param("status", status.name()).param("message", message).param("now", now).param("id", id).update();
	}

	/** The job, to whoever may see it: its owner, or someone whose scope holds the job's region. */
	public Optional<View> find(long id, long viewerId, String viewerRegionPath) {
		Instant staleBefore = clock.instant().minus(STALE);
		return jdbc.sql("SELECT * FROM shell_job WHERE id = ?").param(id).query((rs, i) -> {
			Status status = Status.valueOf(rs.getString("status"));
			if (status == Status.RUNNING && rs.getObject("heartbeat_at", OffsetDateTime.class).toInstant().isBefore(staleBefore)) {
				status = Status.INTERRUPTED;
			}
			OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
			return new View(rs.getLong("id"), rs.getString("kind"), rs.getLong("owner_id"), rs.getString("owner_name"), rs.getString("region_path"), status,
					rs.getInt("total"), rs.getInt("done"), rs.getInt("created"), rs.getInt("skipped"), readCounts(rs.getString("counts")),
					rs.getString("message"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant());
		})
			.optional()
			.filter(job -> job.ownerId() == viewerId || job.regionPath().startsWith(viewerRegionPath));
	}

	/** Waits up to {@code wait} for the job to end (a small file is done in that time), then says where it stands. */
	public Optional<View> await(long id, long viewerId, String viewerRegionPath, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		Optional<View> job = find(id, viewerId, viewerRegionPath);
		while (job.isPresent() && !job.get().finished() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				break;
			}
			job = find(id, viewerId, viewerRegionPath);
		}
		return job;
	}

	/**
	 * The API's answer to the request that started a job: waits up to {@code grassroots.jobs.answer-within} (10 s) for it
	 * to end, then 200 with what it did, or 202 with where to follow it ({@code Location: /api/v1/jobs/{id}}) while it
	 * runs, or 503 (send the file again later: what is in is skipped) when it failed or stopped. {@code extra} is added
	 * to the job's own description (the rows the file had, say).
	 */
	public org.springframework.http.ResponseEntity<java.util.Map<String, Object>> answer(long id, long viewerId,
			String viewerRegionPath, java.util.Map<String, Object> extra) {
		View job = await(id, viewerId, viewerRegionPath, answerWithin).orElseThrow();
		java.util.Map<String, Object> body = job.describe();
		body.putAll(extra);
		return switch (job.status()) {
			case DONE -> org.springframework.http.ResponseEntity.ok(body);
			case RUNNING -> org.springframework.http.ResponseEntity.accepted()
				.location(java.net.URI.create("/api/v1/jobs/" + job.id()))
				.body(body);
			default -> org.springframework.http.ResponseEntity.status(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE)
				.header("Retry-After", "30")
				.body(body);
		};
	}

	static String writeCounts(java.util.Map<String, Integer> counts) {
		StringBuilder text = new StringBuilder();
		counts.forEach((name, count) -> text.append(text.isEmpty() ? "" : ";").append(name).append('=').append(count));
		return text.toString();
	}

	static java.util.Map<String, Integer> readCounts(String text) {
		java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
		if (text != null && !text.isEmpty()) {
			for (String pair : text.split(";")) {
				int eq = pair.indexOf('=');
				counts.put(pair.substring(0, eq), Integer.valueOf(pair.substring(eq + 1)));
			}
		}
		return counts;
	}

	@Override
	public void destroy() {
		pool.shutdownNow();
	}

}
