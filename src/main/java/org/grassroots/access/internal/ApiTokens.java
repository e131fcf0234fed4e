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

import org.grassroots.access.AccountChanged;
import org.grassroots.access.CurrentUser;
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

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final SecureRandom random = new SecureRandom();
	private final Clock clock = Clock.systemUTC();

	ApiTokens(JdbcClient jdbc, ApplicationEventPublisher events) {
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

	/** The account id of a valid, unrevoked, unexpired token. */
	@Transactional
	public Optional<Long> accountOf(String secret) {
		if (secret == null || !secret.startsWith(PREFIX)) {
			return Optional.empty();
		}
		OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
		Optional<Long> account = jdbc.sql("""
				SELECT account_id FROM access_api_token
				WHERE token_hash = :hash AND revoked = FALSE AND (expires_at IS NULL OR expires_at > :now)""")
			.param("hash", sha256(secret))
			.param("now", now)
			.query(Long.class)
			.optional();
		account.ifPresent(id -> jdbc.sql("UPDATE access_api_token SET last_used_at = :now WHERE token_hash = :hash")
			.param("now", now)
			.param("hash", sha256(secret))
			.update());
		return account;
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
