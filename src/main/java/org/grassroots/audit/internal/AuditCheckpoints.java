package org.grassroots.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes the chain's head, signed with the audit key, to an append-only file outside the database
 * ({@code grassroots.audit.checkpoint-file}, ./data/audit-checkpoints.log) and as an INFO log line
 * {@code AUDIT-CHECKPOINT seq=… hash=… at=… from=… mac=…} for operators who ship their logs elsewhere. Deleting
 * entries at the end and rolling the head back, or rewriting entries, no longer goes unnoticed: the verifier holds
 * the chain against these checkpoints.
 */
@Component
public class AuditCheckpoints {

	private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

	private final JdbcClient jdbc;

	private final AuditKey key;

	private final Clock clock;

	private final Path file;

	AuditCheckpoints(JdbcClient jdbc, AuditKey key, Clock clock,
			@Value("${grassroots.audit.checkpoint-file:./data/audit-checkpoints.log}") String file) {
		this.jdbc = jdbc;
		this.key = key;
		this.clock = clock;
		this.file = Path.of(file);
	}

	@Scheduled(fixedDelayString = "${grassroots.audit.checkpoint-interval:PT10M}",
			initialDelayString = "${grassroots.audit.checkpoint-initial-delay:PT1M}")
	// held at least most of a period, so that of several nodes only one writes a checkpoint in each period
	@SchedulerLock(name = "audit-checkpoint", lockAtMostFor = "PT10M",
			lockAtLeastFor = "${grassroots.audit.checkpoint-lock-at-least:PT9M}")
	public void scheduled() {
		write();
	}

	/** Appends the current head, unless it is empty or already the last checkpoint. */
	public synchronized Optional<Checkpoint> write() {
		record Head(long lastId, String lastHash) {
		}
		Head head = jdbc.sql("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1")
			.query((rs, i) -> new Head(rs.getLong(1), rs.getString(2)))
			.single();
		if (head.lastId() == 0) {
			return Optional.empty();
		}
		List<Checkpoint> existing = read();
		if (!existing.isEmpty() && existing.get(existing.size() - 1).seq() == head.lastId()
				&& head.lastHash().equals(existing.get(existing.size() - 1).hash())) {
			return Optional.empty();
		}
		Checkpoint checkpoint = Checkpoint.signed(head.lastId(), head.lastHash(),
				Instant.now(clock).truncatedTo(ChronoUnit.SECONDS), keyedFrom(), key);
		try {
			if (file.getParent() != null) {
				Files.createDirectories(file.getParent());
			}
			Files.writeString(file, checkpoint.line() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot append to the audit checkpoint file " + file.toAbsolutePath(), ex);
		}
		log.info("AUDIT-CHECKPOINT {}", checkpoint.line());
		return Optional.of(checkpoint);
	}

	/** Every checkpoint in the file, in order; a line that cannot be read counts as a forged checkpoint. */
	public List<Checkpoint> read() {
		if (!Files.exists(file)) {
			return List.of();
		}
		try {
			List<Checkpoint> checkpoints = new ArrayList<>();
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				if (line.isBlank()) {
					continue;
				}
				Checkpoint c = Checkpoint.parse(line);
				checkpoints.add(c != null ? c : new Checkpoint(0, null, Instant.EPOCH, 0, null));
			}
			return checkpoints;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the audit checkpoint file " + file.toAbsolutePath(), ex);
		}
	}

	Path file() {
		return file;
	}

	long keyedFrom() {
		return jdbc.sql("SELECT keyed_from FROM audit_chain_start WHERE id = 1").query(Long.class).single();
	}

}
