package org.grassroots.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The key the audit chain is hashed with (HMAC-SHA256), kept outside the database: {@code grassroots.audit.key}
 * (env GRASSROOTS_AUDIT_KEY, base64 of 32 bytes) when set, otherwise read from, or on first start generated into,
 * {@code grassroots.audit.key-file} (./data/audit.key, mode 0600). Whoever can write the database but does not hold
 * this key cannot recompute the chain after changing it.
 */
@Component
public class AuditKey {

	private static final Logger log = LoggerFactory.getLogger(AuditKey.class);

	private final byte[] key;

	private final String source;

	@Autowired
	public AuditKey(@Value("${grassroots.audit.key:}") String configured,
			@Value("${grassroots.audit.key-file:./data/audit.key}") String keyFile) {
		if (StringUtils.hasText(configured)) {
			this.key = decode(configured);
			this.source = "grassroots.audit.key (GRASSROOTS_AUDIT_KEY)";
		}
		else {
			this.key = fromFile(Path.of(keyFile));
			this.source = "the key file " + Path.of(keyFile).toAbsolutePath();
		}
	}

	AuditKey(byte[] key) {
		this.key = key.clone();
		this.source = "a given key";
	}

	/** Where the key came from, for messages (never the key itself). */
	String source() {
		return source;
	}

	/** HMAC-SHA256 of the text under the key, in hex. */
	String mac(String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] decode(String base64) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("grassroots.audit.key (GRASSROOTS_AUDIT_KEY) must be base64 of 32 bytes", ex);
		}
		if (key.length != 32) {
			throw new IllegalStateException("grassroots.audit.key (GRASSROOTS_AUDIT_KEY) must be 32 bytes, base64-encoded");
		}
		return key;
	}

	private static byte[] fromFile(Path file) {
		return org.grassroots.shell.KeyFiles.loadOrCreate(file, AuditKey::decode,
				where -> log.warn("Generated a new audit key at {}. Keep it out of the database's backups and use the same key on every node:"
					+ " without it the audit chain cannot be verified.", where), "audit key");
	}

}
