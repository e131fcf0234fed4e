package org.grassroots.registry.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditTrail;
import org.grassroots.shell.InputRejected;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The admin-editable list of tags (空巢老人, 低保 …) for residents and households. */
@Component
public class TagCatalogue {

	/** A tag; {@code visitIntervalDays} is how often its households should be visited (null: not planned). */
	public record TagDefinition(String code, String nameZh, String nameEn, String appliesTo, int sortOrder, Integer visitIntervalDays) {

		public String label(Locale locale) {
			return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}

	}

	private final JdbcClient jdbc;
	private final AuditTrail audit;

	TagCatalogue(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	public List<TagDefinition> all() {
		return jdbc.sql("SELECT code, name_zh, name_en, applies_to, sort_order, visit_interval_days FROM registry_tag ORDER BY sort_order, code")
			.query(TagDefinition.class)
			.list();
	}

	public List<TagDefinition> forResidents() {
		return all().stream().filter(t -> t.appliesTo().equals("RESIDENT")).toList();
	}

	public List<TagDefinition> forHouseholds() {
		return all().stream().filter(t -> t.appliesTo().equals("HOUSEHOLD")).toList();
	}

	/** Throws unless every code is a known tag of the right kind. */
	void check(String field, Set<String> codes, String appliesTo) {
		if (codes == null || codes.isEmpty()) {
			return;
		}
		Set<String> known = all().stream().filter(t -> t.appliesTo().equals(appliesTo)).map(TagDefinition::code)
			.collect(java.util.stream.Collectors.toSet());
		for (String code : codes) {
			if (!known.contains(code)) {
				throw new InputRejected(field, "registry.tag.unknown", code);
			}
		}
	}

	/** Resolves a tag by code or by its Chinese or English name (for imports). */
	java.util.Optional<TagDefinition> resolve(String nameOrCode) {
		String key = nameOrCode.strip();
		return all().stream()
			.filter(t -> t.code().equalsIgnoreCase(key) || t.nameZh().equals(key) || t.nameEn().equalsIgnoreCase(key))
			.findFirst();
	}

	@Transactional
	public void save(CurrentUser user, TagDefinition tag) {
		user.require(Permission.REGISTRY_CONFIGURE);
		if (tag.code() == null || !tag.code().matches("[A-Z][A-Z0-9_]{1,31}")) {
			throw new InputRejected("code", "registry.tag.code.invalid");
		}
		if (tag.nameZh() == null || tag.nameZh().isBlank() || tag.nameEn() == null || tag.nameEn().isBlank()) {
			throw new InputRejected("nameZh", "validation.required");
		}
		if (!tag.appliesTo().equals("RESIDENT") && !tag.appliesTo().equals("HOUSEHOLD")) {
			throw new InputRejected("appliesTo", "validation.required");
		}
		if (tag.visitIntervalDays() != null && (tag.visitIntervalDays() < 1 || tag.visitIntervalDays() > 365)) {
			throw new InputRejected("visitIntervalDays", "registry.tag.interval.range");
		}
		var existing = all().stream().filter(t -> t.code().equals(tag.code())).findFirst();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("nameZh", tag.nameZh().strip());
		after.put("nameEn", tag.nameEn().strip());
		after.put("appliesTo", tag.appliesTo());
		after.put("sortOrder", tag.sortOrder());
		after.put("visitIntervalDays", tag.visitIntervalDays() == null ? "—" : tag.visitIntervalDays());
		if (existing.isPresent()) {
			jdbc.sql("""
					UPDATE registry_tag SET name_zh = :zh, name_en = :en, applies_to = :a, sort_order = :s, visit_interval_days = :i,
					  version = version + 1 WHERE code = :code""")
				.param("zh", tag.nameZh().strip()).param("en", tag.nameEn().strip()).param("a", tag.appliesTo())
				.param("s", tag.sortOrder()).param("i", tag.visitIntervalDays(), java.sql.Types.INTEGER).param("code", tag.code())
				.update();
			TagDefinition b = existing.get();
			audit.updated("tag", tag.code(), null, org.grassroots.audit.AuditTrail.summary("tag", tag.code()),
					Map.of("nameZh", b.nameZh(), "nameEn", b.nameEn(), "appliesTo", b.appliesTo(), "sortOrder", b.sortOrder(),
							"visitIntervalDays", b.visitIntervalDays() == null ? "—" : b.visitIntervalDays()), after);
		}
		else {
			jdbc.sql("""
					INSERT INTO registry_tag (code, name_zh, name_en, applies_to, sort_order, visit_interval_days)
					VALUES (:code, :zh, :en, :a, :s, :i)""")
				.param("zh", tag.nameZh().strip()).param("en", tag.nameEn().strip()).param("a", tag.appliesTo())
				.param("s", tag.sortOrder()).param("i", tag.visitIntervalDays(), java.sql.Types.INTEGER).param("code", tag.code())
				.update();
			audit.created("tag", tag.code(), null, org.grassroots.audit.AuditTrail.summary("tag", tag.code()), after);
		}
	}

}
