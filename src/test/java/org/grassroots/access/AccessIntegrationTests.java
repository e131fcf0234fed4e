package org.grassroots.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

import java.util.List;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import jakarta.servlet.http.Cookie;

/** Sign-in, lockout, forced password change, admin scope and API tokens. */
class AccessIntegrationTests extends IntegrationTestSupport {

	@Test
	void a_demo_account_signs_in_with_its_password() throws Exception {
		mvc.perform(formLogin().user("gaomiao.cadre").password("demo1234")).andExpect(redirectedUrl("/"));
		mvc.perform(formLogin().user("gaomiao.cadre").password("wrong-1")).andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void five_failed_sign_ins_lock_the_account_even_for_the_right_password() throws Exception {
		createAccount("lock.me", "VILLAGE_CADRE", GAOMIAO);
		for (int i = 0; i < 5; i++) {
			mvc.perform(formLogin().user("lock.me").password("wrong-" + i)).andExpect(redirectedUrl("/login?error"));
		}
		// the same answer as a wrong password or an unknown name: the page does not tell that the name exists
		mvc.perform(formLogin().user("lock.me").password("Initial123")).andExpect(redirectedUrl("/login?error"));
		mvc.perform(formLogin().user("no.such.person").password("Initial123")).andExpect(redirectedUrl("/login?error"));
		assertThat(count("SELECT COUNT(*) FROM access_account WHERE username = 'lock.me' AND locked_until IS NOT NULL")).isOne();
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'LOCK' AND entity_id = 'lock.me'")).isOne();
		long id = count("SELECT id FROM access_account WHERE username = 'lock.me'");
		mvc.perform(get("/access/accounts").with(as("admin")))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("text-bg-warning")));
		mvc.perform(post("/access/accounts/" + id + "/unlock").with(csrf()).with(as("admin"))).andExpect(status().is3xxRedirection());
		mvc.perform(formLogin().user("lock.me").password("Initial123")).andExpect(redirectedUrl("/"));
	}

	@Test
	void thirty_guesses_sent_at_once_are_counted_before_their_passwords_and_lock_the_account_once() throws Exception {
		createAccount("parallel.me", "VILLAGE_CADRE", GAOMIAO);
		var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
		try {
			List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
			for (int i = 0; i < 30; i++) {
				int guess = i;
				answers.add(pool.submit(() -> mvc.perform(formLogin().user("parallel.me").password("guess-" + guess))
					.andReturn().getResponse().getRedirectedUrl()));
			}
			for (var answer : answers) {
				assertThat(answer.get()).isEqualTo("/login?error"); // no conflict, no 500
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'LOCK' AND entity_id = 'parallel.me'")).isOne();
		mvc.perform(formLogin().user("parallel.me").password("Initial123")).andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void password_guesses_that_lock_an_account_do_not_cut_off_its_api_tokens() throws Exception {
		createAccount("token.me", "VILLAGE_CADRE", GAOMIAO);
		jdbc.sql("UPDATE access_account SET must_change_password = FALSE WHERE username = 'token.me'").update();
		String page = mvc.perform(post("/account/tokens").with(csrf()).with(as("token.me")).param("name", "integration"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String token = page.replaceAll("(?s).*id=\"token-secret\">(grt_[A-Za-z0-9_-]+)<.*", "$1");
		for (int i = 0; i < 6; i++) {
			mvc.perform(formLogin().user("token.me").password("wrong-" + i)).andExpect(redirectedUrl("/login?error"));
		}
		assertThat(count("SELECT COUNT(*) FROM access_account WHERE username = 'token.me' AND locked_until IS NOT NULL")).isOne();
		mvc.perform(get("/api/v1/households").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
	}

	@Test
	void a_password_change_ends_ones_other_sessions_and_no_session_keeps_a_password_hash() throws Exception {
		createAccount("two.desks", "VILLAGE_CADRE", GAOMIAO);
		jdbc.sql("UPDATE access_account SET must_change_password = FALSE WHERE username = 'two.desks'").update();
		Cookie office = mvc.perform(formLogin().user("two.desks").password("Initial123")).andReturn().getResponse().getCookie("SESSION");
		Cookie home = mvc.perform(formLogin().user("two.desks").password("Initial123")).andReturn().getResponse().getCookie("SESSION");
		mvc.perform(get("/registry/households").cookie(home)).andExpect(status().isOk());
		// nothing of the password's hash sits in the stored sessions
		List<byte[]> stored = jdbc.sql("SELECT ATTRIBUTE_BYTES FROM SPRING_SESSION_ATTRIBUTES").query(byte[].class).list();
		assertThat(stored).isNotEmpty();
		String hash = jdbc.sql("SELECT password_hash FROM access_account WHERE username = 'two.desks'").query(String.class).single();
		for (byte[] bytes : stored) {
			assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("{bcrypt}")
				.doesNotContain(hash.substring(hash.length() - 20));
		}
		mvc.perform(post("/account/password").cookie(office).with(csrf()).param("current", "Initial123")
			.param("next", "Demo1234").param("repeat", "Demo1234")).andExpect(status().isBadRequest());
		mvc.perform(post("/account/password").cookie(office).with(csrf()).param("current", "Initial123")
			.param("next", "Changed456x").param("repeat", "Changed456x")).andExpect(redirectedUrl("/"));
		mvc.perform(get("/registry/households").cookie(office)).andExpect(status().isOk());
		mvc.perform(get("/registry/households").cookie(home)).andExpect(redirectedUrl("/login"));
	}

	@Test
	void pages_say_where_forms_may_post_and_what_the_browser_may_share() throws Exception {
		mvc.perform(get("/login")).andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.allOf(
					org.hamcrest.Matchers.containsString("form-action 'self'"), org.hamcrest.Matchers.containsString("base-uri 'self'"))))
			.andExpect(header().string("Referrer-Policy", "same-origin"))
			.andExpect(header().string("Permissions-Policy", org.hamcrest.Matchers.containsString("microphone=()")));
	}

	@Test
	void a_new_account_must_change_its_password_before_anything_else() throws Exception {
		createAccount("new.grid", "GRID_WORKER", GAOMIAO_GRID1);
		// sessions live in the database (Spring Session): the browser holds only the SESSION cookie
		Cookie session = mvc.perform(formLogin().user("new.grid").password("Initial123"))
			.andReturn().getResponse().getCookie("SESSION");
		assertThat(session).isNotNull();
		mvc.perform(get("/registry/households").cookie(session)).andExpect(redirectedUrl("/account/password"));
		mvc.perform(get("/api/v1/households").cookie(session)).andExpect(status().isForbidden());
		mvc.perform(post("/account/password").cookie(session).with(csrf()).param("current", "Initial123")
			.param("next", "short").param("repeat", "short")).andExpect(status().isBadRequest());
		mvc.perform(post("/account/password").cookie(session).with(csrf()).param("current", "Initial123")
			.param("next", "Changed456").param("repeat", "Changed456")).andExpect(redirectedUrl("/"));
		mvc.perform(get("/registry/households").cookie(session)).andExpect(status().isOk());
	}

	@Test
	void account_pages_are_for_admins_and_limited_to_their_subtree() throws Exception {
		mvc.perform(get("/access/accounts").with(as("gaomiao.cadre"))).andExpect(status().isForbidden());
		mvc.perform(get("/access/roles").with(as("qinghe.leader"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/accounts").with(as("supervisor"))).andExpect(status().isForbidden());
		createAccount("qinghe.admin", "ADMIN", "620799100000");
		jdbc.sql("UPDATE access_account SET must_change_password = FALSE WHERE username = 'qinghe.admin'").update();
		long foreign = count("SELECT id FROM access_account WHERE username = 'xishang.cadre'");
		mvc.perform(get("/access/accounts/" + foreign).with(as("qinghe.admin"))).andExpect(status().isNotFound());
		String list = mvc.perform(get("/api/v1/accounts").with(as("qinghe.admin"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(list).contains("gaomiao.cadre").doesNotContain("xishang.cadre").doesNotContain("\"admin\"");
		// nor can they place an account outside it
		mvc.perform(post("/access/accounts").with(csrf()).with(as("qinghe.admin")).param("username", "outside.one")
			.param("displayName", "越界").param("role", "GRID_WORKER").param("regionCode", XISHANG).param("password", "Initial123"))
			.andExpect(status().isBadRequest());
		assertThat(count("SELECT COUNT(*) FROM access_account WHERE username = 'outside.one'")).isZero();
	}

	@Test
	void a_personal_api_token_carries_its_owners_scope_until_revoked() throws Exception {
		String page = mvc.perform(post("/account/tokens").with(csrf()).with(as("gaomiao.cadre")).param("name", "integration"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String token = page.replaceAll("(?s).*id=\"token-secret\">(grt_[A-Za-z0-9_-]+)<.*", "$1");
		assertThat(token).startsWith("grt_");
		mvc.perform(get("/api/v1/households").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/households/" + householdIdIn(XISHANG)).header("Authorization", "Bearer " + token))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/households").header("Authorization", "Bearer grt_not-a-real-token")).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/households")).andExpect(status().isUnauthorized());
		long tokenId = count("SELECT MAX(id) FROM access_api_token");
		mvc.perform(post("/account/tokens/" + tokenId + "/revoke").with(csrf()).with(as("gaomiao.cadre"))).andExpect(status().is3xxRedirection());
		mvc.perform(get("/api/v1/households").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
		assertThat(jdbc.sql("SELECT token_hash FROM access_api_token WHERE id = ?").param(tokenId).query(String.class).single())
			.doesNotContain(token);
	}

	@Test
	void a_tokens_last_use_is_kept_to_the_minute_and_a_disabled_holder_is_refused() throws Exception {
		String page = mvc.perform(post("/account/tokens").with(csrf()).with(as("xishang.cadre")).param("name", "last-use"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String token = page.replaceAll("(?s).*id=\"token-secret\">(grt_[A-Za-z0-9_-]+)<.*", "$1");
		long tokenId = count("SELECT MAX(id) FROM access_api_token");
		String lastUsed = "SELECT CAST(last_used_at AS VARCHAR) FROM access_api_token WHERE id = " + tokenId;
		assertThat(jdbc.sql(lastUsed).query(String.class).optional()).isEmpty();
		mvc.perform(get("/api/v1/households").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
		String first = jdbc.sql(lastUsed).query(String.class).single();
		assertThat(first).isNotNull();
		// used again within the minute: the stored time stays (no write per request)
		mvc.perform(get("/api/v1/households").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
		assertThat(jdbc.sql(lastUsed).query(String.class).single()).isEqualTo(first);
		// last used two minutes ago: written again
		jdbc.sql("UPDATE access_api_token SET last_used_at = last_used_at - INTERVAL '2' MINUTE WHERE id = " + tokenId).update();
		String backdated = jdbc.sql(lastUsed).query(String.class).single();
		mvc.perform(get("/api/v1/households").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
		assertThat(jdbc.sql(lastUsed).query(String.class).single()).isNotEqualTo(backdated);
		// the token carries its holder's role: a cadre's token cannot open the account administration API
		mvc.perform(get("/api/v1/accounts").header("Authorization", "Bearer " + token)).andExpect(status().isForbidden());
		try {
			// locked by password guesses: the token is not a password and keeps working; a disabled holder is refused
			jdbc.sql("UPDATE access_account SET locked_until = CURRENT_TIMESTAMP + INTERVAL '1' HOUR WHERE username = 'xishang.cadre'").update();
			mvc.perform(get("/api/v1/households").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
			jdbc.sql("UPDATE access_account SET locked_until = NULL, enabled = FALSE WHERE username = 'xishang.cadre'").update();
			mvc.perform(get("/api/v1/households").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
		}
		finally {
			jdbc.sql("UPDATE access_account SET locked_until = NULL, enabled = TRUE WHERE username = 'xishang.cadre'").update();
		}
		mvc.perform(get("/api/v1/households").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
	}

	@Test
	void disabling_an_account_ends_its_sessions_on_every_node() throws Exception {
		createAccount("soon.gone", "VILLAGE_CADRE", GAOMIAO);
		jdbc.sql("UPDATE access_account SET must_change_password = FALSE WHERE username = 'soon.gone'").update();
		Cookie session = mvc.perform(formLogin().user("soon.gone").password("Initial123")).andReturn().getResponse().getCookie("SESSION");
		mvc.perform(get("/registry/households").cookie(session)).andExpect(status().isOk());
		assertThat(count("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = 'soon.gone'")).isOne();
		long id = count("SELECT id FROM access_account WHERE username = 'soon.gone'");
		int version = (int) count("SELECT version FROM access_account WHERE id = ?", id);
		mvc.perform(post("/access/accounts/" + id).with(csrf()).with(as("admin")).param("displayName", "soon.gone")
			.param("role", "VILLAGE_CADRE").param("regionCode", GAOMIAO).param("enabled", "false")
			.param("version", String.valueOf(version))).andExpect(redirectedUrl("/access/accounts"));
		assertThat(count("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = 'soon.gone'")).isZero();
		mvc.perform(get("/registry/households").cookie(session)).andExpect(status().is3xxRedirection());
		mvc.perform(formLogin().user("soon.gone").password("Initial123")).andExpect(redirectedUrl("/login?error"));
		assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE entity_type = 'account' AND entity_id = 'soon.gone' AND action = 'UPDATE' AND after_state LIKE '%\"enabled\":false%'"))
			.isOne();
	}

	private void createAccount(String username, String role, String regionCode) throws Exception {
		mvc.perform(post("/access/accounts").with(csrf()).with(as("admin")).param("username", username)
			.param("displayName", username).param("role", role).param("regionCode", regionCode)
			.param("password", "Initial123").param("enabled", "true"))
			.andExpect(redirectedUrl("/access/accounts"));
	}

}
