package org.grassroots.audit;

import java.util.Map;

import org.grassroots.audit.internal.AuditLog;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records an entry in the caller's transaction: if the change rolls back, so does its entry. The
 * actor and client address come from the current request.
 */
@Component
public class AuditTrail {

	/** Marks a summary written as a message key and its arguments, read in each reader's language. */
	public static final String SUMMARY_MARK = "#";

	private final AuditLog log;

	/**
	 * A summary that reads in the reader's language: {@code audit.summary.<key>} with these arguments
	 * (codes among them are put into words too). Arguments must not contain '|'.
	 */
	public static String summary(String key, Object... args) {
		StringBuilder s = new StringBuilder(SUMMARY_MARK).append(key);
		for (Object arg : args) {
			s.append('|').append(String.valueOf(arg).replace('|', '/'));
		}
		return s.toString();
	}

	public AuditTrail(AuditLog log) {
		this.log = log;
	}

	@Transactional
	public void created(String entityType, Object entityId, String regionPath, String summary, Map<String, ?> after) {
		log.append(AuditAction.CREATE, entityType, entityId, regionPath, summary, null, after);
	}

	@Transactional
	public void updated(String entityType, Object entityId, String regionPath, String summary, Map<String, ?> before,
			Map<String, ?> after) {
		log.append(AuditAction.UPDATE, entityType, entityId, regionPath, summary, before, after);
	}

	/** A record created, for {@link #createdAll}. */
	public record Created(Object entityId, String regionPath, String summary, Map<String, ?> after) {
	}

	/** Many records created at once (an import): one entry each, appended in one batch. */
	@Transactional
	public void createdAll(String entityType, java.util.List<Created> created) {
		log.appendCreations(entityType, created.stream()
			.map(c -> new AuditLog.Creation(c.entityId(), c.regionPath(), c.summary(), c.after()))
			.toList());
	}

	@Transactional
	public void deleted(String entityType, Object entityId, String regionPath, String summary, Map<String, ?> before) {
		log.append(AuditAction.DELETE, entityType, entityId, regionPath, summary, before, null);
	}

	/** An unmasked view of one personal field (身份证号, 手机号 …). */
	@Transactional
	public void revealed(String entityType, Object entityId, String regionPath, String field) {
		log.append(AuditAction.REVEAL, entityType, entityId, regionPath, field, null, null);
	}

	@Transactional
	public void record(AuditAction action, String entityType, Object entityId, String regionPath, String summary,
			Map<String, ?> before, Map<String, ?> after) {
		log.append(action, entityType, entityId, regionPath, summary, before, after);
	}

	/**
	 * How many entries of {@code entityType} the signed-in person made since a moment: a limit on something that is
	 * itself kept in the trail (exact look-ups of personal data) counts it here.
	 */
	@Transactional(readOnly = true)
	public long countMine(String entityType, String actor, java.time.Instant since) {
		return log.countSince(entityType, actor, since);
	}

	/** How one person acted on one kind of record somewhere beneath a node, in a period. */
	public record Activity(String actor, String regionPath, long entries) {
	}

	/**
	 * Who acted on records of {@code entityType} beneath {@code path} in [from, to), counted by actor and
	 * the record's region: the trail is also the evidence that someone did their part (e.g. handled
	 * appeals in a grid).
	 */
	@Transactional(readOnly = true)
	public java.util.List<Activity> activity(String entityType, String path, java.time.Instant from, java.time.Instant to) {
		return log.activity(entityType, path, from, to);
	}

}
