package org.grassroots;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.concurrent.atomic.AtomicInteger;

import org.grassroots.privacy.IdNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Boots the whole application once (H2 by default, PostgreSQL when the postgres-test profile is
 * active) with the deterministic demo county 青山县 as the shared fixture.
 */
@SpringBootTest
@AutoConfigureMockMvc
@org.springframework.context.annotation.Import(MovableClock.Config.class)
@ActiveProfiles(resolver = TestProfiles.class)
public abstract class IntegrationTestSupport {

	protected static final String GAOMIAO = "620799100201";
	protected static final String GAOMIAO_GRID1 = "62079910020101";
	protected static final String XISHANG = "620799200201";
	protected static final String XISHANG_BLOCK = "62079920020101010101";
	private static final AtomicInteger SEQUENCE = new AtomicInteger(100);

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected JdbcClient jdbc;

	/** The application's clock: move it to act at another time; it is put back after every test. */
	@Autowired
	protected MovableClock clock;

	@org.junit.jupiter.api.AfterEach
	void putTheClockBack() {
		clock.reset();
	}

	@Autowired
	private UserDetailsService accounts;

	/** Signed in as a demo account, with its real role, permissions and scope. */
	protected RequestPostProcessor as(String username) {
		return user(accounts.loadUserByUsername(username));
	}

	/** A valid identity number no demo resident has (area 110105, not the demo county's 620799). */
	protected static String freshIdNumber() {
		int seq = SEQUENCE.incrementAndGet();
		String first17 = "110105" + "1985" + String.format("%02d%02d", 1 + seq % 12, 1 + seq % 28) + String.format("%03d", seq % 1000);
		return first17 + IdNumber.checkCharacter(first17);
	}

	protected long householdIdIn(String regionPathPrefixCode) {
		return jdbc.sql("SELECT MIN(id) FROM registry_household WHERE region_path LIKE :p")
			.param("p", "%/" + regionPathPrefixCode + "/%")
			.query(Long.class)
			.single();
	}

	protected long residentIdIn(String code) {
		return jdbc.sql("SELECT MIN(id) FROM registry_resident WHERE region_path LIKE :p AND phone_cipher IS NOT NULL")
			.param("p", "%/" + code + "/%")
			.query(Long.class)
			.single();
	}

	protected long count(String sql, Object... params) {
		var spec = jdbc.sql(sql);
		for (Object p : params) {
			spec = spec.param(p);
		}
		return spec.query(Long.class).single();
	}

	@Autowired
	private org.springframework.core.env.Environment environment;

	/**
	 * A connection as the database's owner, for tests that tamper with what the application itself may not change
	 * (the audit trail): on PostgreSQL the application runs as grassroots_app and Flyway as the owner.
	 */
	protected JdbcClient ownerJdbc() {
		String user = environment.getProperty("spring.flyway.user");
		if (user == null || user.isBlank()) {
			return jdbc;
		}
		return JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
				environment.getRequiredProperty("spring.datasource.url"), user, environment.getProperty("spring.flyway.password", "")));
	}

	/** Whether the suite runs on PostgreSQL (the postgres-test profile). */
	protected boolean onPostgres() {
		return environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:");
	}

}
