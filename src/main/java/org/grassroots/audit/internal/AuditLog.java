package org.grassroots.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;

import org.grassroots.audit.AuditAction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends entries to the chain. The single head row is locked for the rest of the transaction, so
 * that entries from several app nodes still form one line: each entry's hash covers its content and
 * the previous entry's hash, keyed with the {@link AuditKey} that the database does not hold.
 */
@Component
public class AuditLog {

	static final String GENESIS = "0".repeat(64);

	private final JdbcClient jdbc;
	private final org.springframework.jdbc.core.JdbcTemplate batch;
	private final Clock clock;
	private final AuditKey key;
	private final JsonMapper json = JsonMapper.builder().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).build();

	@org.springframework.beans.factory.annotation.Autowired
	public AuditLog(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch, Clock clock, AuditKey key) {
		this.key = key;
		this.jdbc = jdbc;
		this.batch = batch;
		this.clock = clock;
	}

	@Transactional
	/** How many entries of one kind one actor made since a moment. */
	public long countSince(String entityType, String actor, Instant since) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE entity_type = :t AND actor = :a AND occurred_at > :since")
			.param("t", entityType).param("a", actor).param("since", since.atOffset(java.time.ZoneOffset.UTC))
			.query(Long.class).single();
	}

	public java.util.List<org.grassroots.audit.AuditTrail.Activity> activity(String entityType, String path, Instant from, Instant to) {
		return jdbc.sql("""
				SELECT actor, region_path, COUNT(*) FROM audit_entry
				WHERE entity_type = :t AND region_path LIKE :p AND occurred_at >= :f AND occurred_at < :to
				GROUP BY actor, region_path""")
			.param("t", entityType).param("p", path + "%")
			.param("f", java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC))
			.param("to", java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC))
			.query((rs, i) -> new org.grassroots.audit.AuditTrail.Activity(rs.getString(1), rs.getString(2), rs.getLong(3)))
			.list();
	}

	/** One entry of a batch: a record created, with what it holds. */
	public record Creation(Object entityId, String regionPath, String summary, Map<String, ?> after) {
	}

	/**
	 * Appends many CREATE entries under one lock of the chain's head (an import of thousands of records),
	 * each hashed on the one before exactly as {@link #append} does, written in one batch.
	 */
	public void appendCreations(String entityType, java.util.List<Creation> creations) {
		if (creations.isEmpty()) {
			return;
		}
		// as in append: what does not depend on the head (the records' JSON above all) is made before its lock is taken
		String actor = actor();
		String client = clientAddress();
		java.util.List<String[]> prepared = new java.util.ArrayList<>(creations.size());
		for (Creation c : creations) {
			prepared.add(new String[] {c.entityId() == null ? null : c.entityId().toString(), c.regionPath(), truncate(c.summary(), 400),
					toJson(c.after())});
		}
		Head head = jdbc.sql("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
			.query((rs, i) -> new Head(rs.getLong(1), rs.getString(2)))
			.single();
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		long id = head.lastId();
		String previous = head.lastHash();
		java.util.List<Object[]> rows = new java.util.ArrayList<>(creations.size());
		for (String[] c : prepared) {
			id++;
			AuditRecord entry = new AuditRecord(id, now, actor, client, AuditAction.CREATE.name(), entityType, c[0], c[1], c[2], null,
					c[3], previous, null);
			String hash = keyedHashOf(entry, key);
			rows.add(new Object[] {entry.id(), OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC), entry.actor(),
					entry.clientAddress(), entry.action(), entry.entityType(), entry.entityId(), entry.regionPath(), entry.summary(),
					entry.afterState(), entry.prevHash(), hash});
			previous = hash;
		}
		batch.batchUpdate("""
				INSERT INTO audit_entry (id, occurred_at, actor, client_address, action, entity_type, entity_id, region_path,
				  summary, after_state, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
		jdbc.sql("UPDATE audit_chain_head SET last_id = :id, last_hash = :hash WHERE id = 1")
			.param("id", id).param("hash", previous).update();
	}

	public long append(AuditAction action, String entityType, Object entityId, String regionPath, String summary,
			Map<String, ?> before, Map<String, ?> after) {
		// everything that does not depend on the chain's head is prepared before taking its lock, which is held
		// until commit and queues every other change in the meantime
		String actor = actor();
		String client = clientAddress();
		String beforeJson = toJson(before);
		String afterJson = toJson(after);
		String shortSummary = truncate(summary, 400);
		Head head = jdbc.sql("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
			.query((rs, i) -> new Head(rs.getLong(1), rs.getString(2)))
			.single();
		AuditRecord entry = new AuditRecord(head.lastId() + 1, Instant.now(clock).truncatedTo(ChronoUnit.MICROS), actor,
				client, action.name(), entityType, entityId == null ? null : entityId.toString(), regionPath,
				shortSummary, beforeJson, afterJson, head.lastHash(), null);
		String hash = keyedHashOf(entry, key);
		jdbc.sql("""
				INSERT INTO audit_entry (id, occurred_at, actor, client_address, action, entity_type, entity_id, region_path,
				  summary, before_state, after_state, prev_hash, hash)
				VALUES (:id, :at, :actor, :client, :action, :type, :entityId, :path, :summary, :before, :after, :prev, :hash)
				""")
			.param("id", entry.id())
			.param("at", OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC))
			.param("actor", entry.actor())
			.param("client", entry.clientAddress())
			.param("action", entry.action())
			.param("type", entry.entityType())
			.param("entityId", entry.entityId())
			.param("path", entry.regionPath())
			.param("summary", entry.summary())
			.param("before", entry.beforeState())
			.param("after", entry.afterState())
			.param("prev", entry.prevHash())
			.param("hash", hash)
			.update();
		jdbc.sql("UPDATE audit_chain_head SET last_id = :id, last_hash = :hash WHERE id = 1")
			.param("id", entry.id())
			.param("hash", hash)
			.update();
		return entry.id();
	}

	/** The previous hash and every field, separated by a unit separator. */
	static String canonical(AuditRecord e) {
		return String.join("\u001f", e.prevHash(), Long.toString(e.id()),
				Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, e.occurredAt())), nz(e.actor()), nz(e.clientAddress()),
				nz(e.action()), nz(e.entityType()), nz(e.entityId()), nz(e.regionPath()), nz(e.summary()), nz(e.beforeState()),
				nz(e.afterState()));
	}

	/** The rule for entries written from this version on: HMAC-SHA256 under the audit key, which the database does not hold. */
	static String keyedHashOf(AuditRecord e, AuditKey key) {
		return key.mac(canonical(e));
	}

	/** The rule for entries written before the chain was keyed: plain SHA-256. */
	static String hashOf(AuditRecord e) {
		String canonical = canonical(e);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String toJson(Map<String, ?> state) {
		return state == null ? null : json.writeValueAsString(new TreeMap<>(state));
	}

	private static String actor() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth == null || auth.getName() == null ? "system" : truncate(auth.getName(), 64);
	}

	private static String clientAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return truncate(request.getRemoteAddr(), 64);
		}
		return null;
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}

	private static String truncate(String s, int max) {
		return s == null || s.length() <= max ? s : s.substring(0, max);
	}

	private record Head(long lastId, String lastHash) {
	}

}
