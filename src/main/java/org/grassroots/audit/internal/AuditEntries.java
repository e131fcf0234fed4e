package org.grassroots.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.grassroots.access.CurrentUser;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/** Reads the trail within a user's scope, and walks the whole chain to verify it. */
@Component
public class AuditEntries {

	private static final int VERIFY_BATCH = 2000;

	private final JdbcClient jdbc;

	private final AuditKey key;

	private final AuditCheckpoints checkpoints;

	public AuditEntries(JdbcClient jdbc, AuditKey key, AuditCheckpoints checkpoints) {
		this.jdbc = jdbc;
		this.key = key;
		this.checkpoints = checkpoints;
	}

	public record Filter(String entityType, String entityId, String actor, String action, LocalDate from, LocalDate to) {
	}

	public Page<AuditRecord> search(CurrentUser user, Filter filter, Pageable pageable) {
		StringBuilder where = new StringBuilder(" WHERE (region_path LIKE :scope OR (region_path IS NULL AND :root))");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("scope", user.scopePattern());
		params.put("root", isRoot(user));
		if (StringUtils.hasText(filter.entityType())) {
			where.append(" AND entity_type = :type");
			params.put("type", filter.entityType());
		}
		if (StringUtils.hasText(filter.entityId())) {
			where.append(" AND entity_id = :entityId");
			params.put("entityId", filter.entityId().strip());
		}
		if (StringUtils.hasText(filter.actor())) {
			where.append(" AND actor = :actor");
			params.put("actor", filter.actor().strip());
		}
		if (StringUtils.hasText(filter.action())) {
			where.append(" AND action = :action");
			params.put("action", filter.action());
		}
		if (filter.from() != null) {
			where.append(" AND occurred_at >= :from");
			params.put("from", filter.from().atStartOfDay(org.grassroots.shell.CountyTime.ZONE).toOffsetDateTime());
		}
		if (filter.to() != null) {
			where.append(" AND occurred_at < :to");
			params.put("to", filter.to().plusDays(1).atStartOfDay(org.grassroots.shell.CountyTime.ZONE).toOffsetDateTime());
		}
		long total = org.grassroots.shell.CountedPage.count(jdbc, "FROM audit_entry" + where, params);
		List<AuditRecord> rows = jdbc.sql("SELECT * FROM audit_entry" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query(AuditEntries::map)
			.list();
		return org.grassroots.shell.CountedPage.of(rows, pageable, total);
	}

	public Optional<AuditRecord> find(CurrentUser user, long id) {
		return jdbc.sql("SELECT * FROM audit_entry WHERE id = :id").param("id", id).query(AuditEntries::map).optional()
			.filter(e -> e.regionPath() == null ? isRoot(user) : user.covers(e.regionPath()));
	}

	/** Entity history for one record, newest first; the caller has checked the record's scope. */
	public List<AuditRecord> historyOf(String entityType, String entityId) {
		return jdbc.sql("SELECT * FROM audit_entry WHERE entity_type = :type AND entity_id = :id ORDER BY id DESC")
			.param("type", entityType)
			.param("id", entityId)
			.query(AuditEntries::map)
			.list();
	}

	/**
	 * Recomputes every hash in order (keyed entries under the audit key), then holds the chain against the
	 * checkpoints kept outside the database. Reports the first entry whose hash does not match its content, whose
	 * link does not match the previous hash, or whose predecessor is missing; and truncation, rewriting or a forged
	 * checkpoint (see {@link ChainWalker}).
	 */
	public ChainVerification verify() {
		long keyedFrom = checkpoints.keyedFrom();
		ChainWalker walker = new ChainWalker(key, keyedFrom, checkpoints.read());
		long from = 1;
		while (true) {
			List<AuditRecord> batch = jdbc.sql("SELECT * FROM audit_entry WHERE id >= :from ORDER BY id LIMIT :limit")
				.param("from", from)
				.param("limit", VERIFY_BATCH)
				.query(AuditEntries::map)
				.list();
			if (batch.isEmpty()) {
				break;
			}
			boolean going = true;
			for (AuditRecord e : batch) {
				if (!walker.accept(e)) {
					going = false;
					break;
				}
			}
			if (!going) {
				break;
			}
			from = batch.get(batch.size() - 1).id() + 1;
		}
		long headId = jdbc.sql("SELECT last_id FROM audit_chain_head WHERE id = 1").query(Long.class).single();
		return walker.finish(headId);
	}

	public static List<FieldChange> diff(AuditRecord e, tools.jackson.databind.ObjectMapper mapper) {
		Map<String, Object> before = parse(e.beforeState(), mapper);
		Map<String, Object> after = parse(e.afterState(), mapper);
		List<String> keys = new ArrayList<>(before.keySet());
		after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(keys::add);
		List<FieldChange> changes = new ArrayList<>();
		for (String key : keys) {
			Object b = before.get(key);
			Object a = after.get(key);
			changes.add(new FieldChange(key, b == null ? "" : String.valueOf(b), a == null ? "" : String.valueOf(a),
					!java.util.Objects.equals(a, b)));
		}
		return changes;
	}

	public record FieldChange(String field, String before, String after, boolean changed) {
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> parse(String json, tools.jackson.databind.ObjectMapper mapper) {
		return json == null ? Map.of() : mapper.readValue(json, LinkedHashMap.class);
	}

	private static boolean isRoot(CurrentUser user) {
		return user.depth() == 0;
	}

	static AuditRecord map(ResultSet rs, int row) throws SQLException {
		return new AuditRecord(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getString("actor"), rs.getString("client_address"), rs.getString("action"), rs.getString("entity_type"),
				rs.getString("entity_id"), rs.getString("region_path"), rs.getString("summary"),
				rs.getString("before_state"), rs.getString("after_state"), rs.getString("prev_hash"), rs.getString("hash"));
	}

}
