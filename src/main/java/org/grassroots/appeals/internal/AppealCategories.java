package org.grassroots.appeals.internal;

import java.util.List;
import java.util.Locale;
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

	AppealCategories(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Category> active() {
		return jdbc.sql("""
				SELECT code, name_zh, name_en, default_level, handling_unit, response_hours, resolution_days
				FROM appeals_category WHERE active = TRUE ORDER BY sort_order, code""")
			.query(AppealCategories::map)
			.list();
	}

	public Optional<Category> find(String code) {
		return jdbc.sql("""
				SELECT code, name_zh, name_en, default_level, handling_unit, response_hours, resolution_days
				FROM appeals_category WHERE code = :code AND active = TRUE""")
			.param("code", code)
			.query(AppealCategories::map)
			.optional();
	}

	private static Category map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Category(rs.getString(1), rs.getString(2), rs.getString(3), AppealLevel.valueOf(rs.getString(4)),
				rs.getString(5), rs.getInt(6), rs.getInt(7));
	}

}
