package org.grassroots.appeals.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.grassroots.appeals.AppealLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The categories: each decides the default level, the handling unit and the deadlines. */
@Component
public class AppealCategories {

	public record Category(String code, String nameZh, String nameEn, AppealLevel defaultLevel, String handlingUnit,
			int responseHours, int resolutionDays) {

		public String label(Locale locale) {
			return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}

	}

	private final JdbcClient jdbc;
	private final org.grassroots.audit.AuditTrail audit;
	/** The active categories, read once and kept for a while ({@link org.grassroots.shell.ReferenceData}). */
	private final org.grassroots.shell.ReferenceData.Reads<Boolean, List<Category>> kept;

	AppealCategories(JdbcClient jdbc, org.grassroots.audit.AuditTrail audit, org.grassroots.shell.ReferenceData referenceData) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.kept = referenceData.reads(1);
	}

	/** A category as admins edit it; deadlines apply to appeals submitted after the change. */
	public record CategoryForm(String code, String nameZh, String nameEn, AppealLevel defaultLevel, String handlingUnit,
			Integer responseHours, Integer resolutionDays, Integer sortOrder, Boolean active) {
	}

	public List<CategoryForm> all() {
		return jdbc.sql("""
				SELECT code, name_zh, name_en, default_level, handling_unit, response_hours, resolution_days, sort_order, active
				FROM appeals_category ORDER BY sort_order, code""")
			.query((rs, i) -> new CategoryForm(rs.getString(1), rs.getString(2), rs.getString(3), AppealLevel.valueOf(rs.getString(4)),
					rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getBoolean(9)))
			.list();
	}

	@org.springframework.transaction.annotation.Transactional
	public void save(org.grassroots.access.CurrentUser admin, CategoryForm f) {
		admin.require(org.grassroots.access.Permission.ACCOUNT_ADMIN);
		List<org.grassroots.shell.InputRejected.FieldProblem> problems = new java.util.ArrayList<>();
		if (f.code() == null || !f.code().strip().matches("[A-Z][A-Z0-9_]{1,31}")) {
			problems.add(new org.grassroots.shell.InputRejected.FieldProblem("code", "registry.tag.code.invalid", new Object[0]));
		}
		if (f.nameZh() == null || f.nameZh().isBlank() || f.nameEn() == null || f.nameEn().isBlank()) {
			problems.add(new org.grassroots.shell.InputRejected.FieldProblem("nameZh", "validation.required", new Object[0]));
		}
		if (f.defaultLevel() == null) {
			problems.add(new org.grassroots.shell.InputRejected.FieldProblem("defaultLevel", "validation.required", new Object[0]));
		}
		if (f.responseHours() == null || f.responseHours() < 1 || f.responseHours() > 240) {
			problems.add(new org.grassroots.shell.InputRejected.FieldProblem("responseHours", "appeal.category.hours", new Object[0]));
		}
		if (f.resolutionDays() == null || f.resolutionDays() < 1 || f.resolutionDays() > 90) {
			problems.add(new org.grassroots.shell.InputRejected.FieldProblem("resolutionDays", "appeal.category.days", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new org.grassroots.shell.InputRejected(problems);
		}
		String code = f.code().strip();
		var before = all().stream().filter(c -> c.code().equals(code)).findFirst();
		Map<String, Object> after = new java.util.LinkedHashMap<>();
		after.put("nameZh", f.nameZh().strip());
		after.put("nameEn", f.nameEn().strip());
		after.put("defaultLevel", f.defaultLevel().name());
		after.put("handlingUnit", f.handlingUnit() == null || f.handlingUnit().isBlank() ? null : f.handlingUnit().strip());
		after.put("responseHours", f.responseHours());
		after.put("resolutionDays", f.resolutionDays());
		after.put("sortOrder", f.sortOrder() == null ? 100 : f.sortOrder());
		// an unchecked box sends nothing: absent means switched off
		after.put("active", Boolean.TRUE.equals(f.active()));
		String sql = before.isPresent() ? """
				UPDATE appeals_category SET name_zh = :nameZh, name_en = :nameEn, default_level = :defaultLevel,
				  handling_unit = :handlingUnit, response_hours = :responseHours, resolution_days = :resolutionDays,
				  sort_order = :sortOrder, active = :active, version = version + 1 WHERE code = :code""" : """
				INSERT INTO appeals_category (code, name_zh, name_en, default_level, handling_unit, response_hours, resolution_days,
				  sort_order, active) VALUES (:code, :nameZh, :nameEn, :defaultLevel, :handlingUnit, :responseHours, :resolutionDays,
				  :sortOrder, :active)""";
		var spec = jdbc.sql(sql).param("code", code);
		for (var e : after.entrySet()) {
			spec = spec.param(e.getKey(), e.getValue());
		}
		spec.update();
		kept.forget(ACTIVE);
		if (before.isPresent()) {
			audit.updated("appeal_category", code, null, code, Map.of("before", before.get().toString()), after);
		}
		else {
			audit.created("appeal_category", code, null, code, after);
		}
	}

	/** The key the active categories are kept under. */
	private static final Boolean ACTIVE = Boolean.TRUE;

	/**
	 * The active categories in their order. Every intake and every intake form asks for them and an admin changes
	 * them a few times a year: a change made on this node is seen at once, one made on another node within the
	 * time reference data is kept.
	 */
	public List<Category> active() {
		return kept.get(ACTIVE, () -> Optional.of(List.copyOf(jdbc.sql("""
				SELECT code, name_zh, name_en, default_level, handling_unit, response_hours, resolution_days
				FROM appeals_category WHERE active = TRUE ORDER BY sort_order, code""")
			.query(AppealCategories::map)
			.list()))).orElseThrow();
	}

	/** An active category by its code. */
	public Optional<Category> find(String code) {
		for (Category category : active()) {
			if (category.code().equals(code)) {
				return Optional.of(category);
			}
		}
		return Optional.empty();
	}

	private static Category map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Category(rs.getString(1), rs.getString(2), rs.getString(3), AppealLevel.valueOf(rs.getString(4)),
				rs.getString(5), rs.getInt(6), rs.getInt(7));
	}

}
