package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

/** Every size the intake rules and the step forms allow fits the column that stores it (H2 and PostgreSQL alike). */
class AppealLimitsIntegrationTests extends IntegrationTestSupport {

	private int width(String table, String column) {
		return jdbc.sql("SELECT character_maximum_length FROM information_schema.columns WHERE LOWER(table_name) = ? AND LOWER(column_name) = ?")
			.param(table).param(column).query(Integer.class).single();
	}

	@Test
	void the_limits_fit_their_columns() {
		assertThat(width("appeals_appeal", "description")).isGreaterThanOrEqualTo(AppealLimits.DESCRIPTION_MAX);
		assertThat(width("appeals_appeal", "location_text")).isGreaterThanOrEqualTo(AppealLimits.LOCATION_MAX);
		assertThat(width("appeals_appeal", "reporter_name")).isGreaterThanOrEqualTo(AppealLimits.NAME_MAX);
		assertThat(width("appeals_appeal", "handling_unit")).isGreaterThanOrEqualTo(AppealLimits.UNIT_MAX);
		assertThat(width("appeals_appeal", "result_text")).isGreaterThanOrEqualTo(AppealLimits.NOTE_MAX);
		assertThat(width("appeals_appeal", "rejection_reason")).isGreaterThanOrEqualTo(AppealLimits.NOTE_MAX);
		// a timeline note carries a step's note, or a whistle's departments with it, or a comment of any description's size
		assertThat(width("appeals_event", "note")).isGreaterThanOrEqualTo(AppealLimits.DESCRIPTION_MAX);
		assertThat(width("appeals_whistle", "department")).isGreaterThanOrEqualTo(AppealLimits.DEPARTMENT_MAX);
		assertThat(width("appeals_whistle", "reply")).isGreaterThanOrEqualTo(AppealLimits.NOTE_MAX);
		assertThat(width("appeals_appeal", "external_ref")).isGreaterThanOrEqualTo("12345:".length() + AppealLimits.TICKET_MAX);
	}

}
