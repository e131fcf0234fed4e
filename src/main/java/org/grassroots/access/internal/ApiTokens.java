package org.grassroots.access.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.EnumSet;

import org.grassroots.access.AccountChanged;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.access.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens for integrations: {@code Authorization: Bearer grt_…}. The secret is shown
 * once at creation; only its SHA-256 is stored.
 */
@Component
public class ApiTokens {

	static final String PREFIX = "grt_";

	/** How stale a token's "last used" time may be. */
	static final java.time.Duration LAST_USED_PRECISION = java.time.Duration.ofMinutes(1);

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final SecureRandom random = new SecureRandom();
	private final Clock clock;

	ApiTokens(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.events = events;
	}

	public record TokenView(long id, String name, String hint, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
			boolean revoked) {
	}

	/** Returns the secret; it cannot be shown again. */
	@Transactional
	public String issue(CurrentUser owner, String name, Integer validDays) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = Instant.now(clock);
		OffsetDateTime expires = validDays == null ? null : OffsetDateTime.ofInstant(now, ZoneOffset.UTC).plusDays(validDays);
		jdbc.sql("""
				INSERT INTO access_api_token (account_id, name, token_hash, token_hint, created_at, expires_at)
				VALUES (:account, :name, :hash, :hint, :now, :expires)""")
			.param("account", owner.accountId())
			.param("name", name)
			.param("hash", sha256(secret))
			.param("hint", secret.substring(0, 8) + "…")
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.param("expires", expires)
			.update();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("name", name);
		after.put("expiresAt", expires == null ? null : expires.toString());
		events.publishEvent(new AccountChanged("CREATE", "api_token", owner.username(), owner.regionPath(),
				"API token issued: " + name, null, after));
		return secret;
	}

	public List<TokenView> of(CurrentUser owner) {
		return jdbc.sql("SELECT * FROM access_api_token WHERE account_id = :account ORDER BY id DESC")
			.param("account", owner.accountId())
			.query((rs, i) -> new TokenView(rs.getLong("id"), rs.getString("name"), rs.getString("token_hint"),
					instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("expires_at")),
					instant(rs.getTimestamp("last_used_at")), rs.getBoolean("revoked")))
			.list();
	}

	@Transactional
	public boolean revoke(CurrentUser owner, long tokenId) {
		int changed = jdbc.sql("UPDATE access_api_token SET revoked = TRUE WHERE id = :id AND account_id = :account AND revoked = FALSE")
			.param("id", tokenId)
			.param("account", owner.accountId())
			.update();
		if (changed == 1) {
			events.publishEvent(new AccountChanged("UPDATE", "api_token", owner.username(), owner.regionPath(),
					"API token revoked: " + tokenId, Map.of("revoked", false), Map.of("revoked", true)));
		}
		return changed == 1;
	}

	/**
	 * The holder of a valid, unrevoked, unexpired token, with the permissions of their role: one query returning
	 * one row (the permissions joined in one column), since every API request asks it. "Last used" is kept to the
	 * minute: it is written only when the stored time is older than that, so that an integration sending many
	 * requests a second with one token does not queue every request behind an update of the same row (both found
	 * by the intake benchmark).
	 */
	public Optional<AccountPrincipal> holderOf(String secret) {
		if (secret == null || !secret.startsWith(PREFIX)) {
			return Optional.empty();
		}
		Instant now = Instant.now(clock);
		OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		String hash = sha256(secret);
		record Row(Account account, Timestamp lastUsed, String permissions) {
		}
		Optional<Row> found = jdbc.sql("""
				SELECT t.last_used_at, a.id, a.username, a.display_name, a.role, a.region_code, a.region_path, a.department, a.enabled,
				  a.locked_until, a.must_change_password,
				  (SELECT STRING_AGG(p.permission, ',') FROM access_role_permission p WHERE p.role = a.role) AS permissions
				FROM access_api_token t
				JOIN access_account a ON a.id = t.account_id
				WHERE t.token_hash = :hash AND t.revoked = FALSE AND (t.expires_at IS NULL OR t.expires_at > :now)""")
			.param("hash", hash)
			.param("now", at)
			.query((rs, i) -> {
				// the account as far as a principal needs it; never its password hash
				Account account = new Account();
				account.id = rs.getLong(2);
				account.username = rs.getString(3);
				account.displayName = rs.getString(4);
				account.role = Role.valueOf(rs.getString(5));
				account.regionCode = rs.getString(6);
				account.regionPath = rs.getString(7);
				account.department = rs.getString(8);
				account.enabled = rs.getBoolean(9);
				account.lockedUntil = instant(rs.getTimestamp(10));
				account.mustChangePassword = rs.getBoolean(11);
				return new Row(account, rs.getTimestamp(1), rs.getString(12));
			})
			.optional();
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Row row = found.get();
		if (row.lastUsed() == null || row.lastUsed().toInstant().isBefore(now.minus(LAST_USED_PRECISION))) {
			jdbc.sql("""
					UPDATE access_api_token SET last_used_at = :now
					WHERE token_hash = :hash AND (last_used_at IS NULL OR last_used_at < :stale)""")
				.param("now", at)
				.param("hash", hash)
				.param("stale", at.minus(LAST_USED_PRECISION))
				.update();
		}
		Set<Permission> permissions = EnumSet.noneOf(Permission.class);
		if (row.permissions() != null) {
			for (String permission : row.permissions().split(",")) {
				permissions.add(Permission.valueOf(permission));
			}
		}
		// a token is not a password: password guesses that lock the account do not cut off its integrations
		return Optional.of(AccountDetailsService.principalOf(row.account(), permissions, false));
	}

	private static Instant instant(Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}

	static String sha256(String value) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
