package org.grassroots.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Attempts are counted before their passwords are checked, so parallel guesses cannot outrun the limit. */
class LoginAttemptsIntegrationTests extends IntegrationTestSupport {

	@Autowired
	LoginAttempts attempts;

	@Test
	void an_attempt_beyond_the_limit_is_refused_before_any_password_is_checked() {
		jdbc.sql("INSERT INTO access_account (username, display_name, password_hash, role, region_code, region_path, enabled, "
				+ "must_change_password, failed_logins, version, created_at) SELECT 'charge.me', 'x', password_hash, role, region_code, "
				+ "region_path, TRUE, FALSE, 0, 0, created_at FROM access_account WHERE username = 'gaomiao.cadre'").update();
		// five attempts in flight (none has reached its password check yet) use up the limit; the sixth may not go on
		for (int i = 0; i < 5; i++) {
			assertThat(attempts.charge("charge.me")).isTrue();
		}
		assertThat(attempts.charge("charge.me")).isFalse();
	}

}
