package org.grassroots.privacy.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The master key for personal data. Taken from {@code grassroots.privacy.key} (base64, 32 bytes)
 * when set, as in production; otherwise read from, or on first run generated into, the key file
 * under ./data so that the embedded default works on a fresh machine.
 */
@Component
public class KeyMaterial {

	private static final Logger log = LoggerFactory.getLogger(KeyMaterial.class);

	private final byte[] master;

	public KeyMaterial(@Value("${grassroots.privacy.key:}") String configured,
			@Value("${grassroots.privacy.key-file:./data/grassroots.key}") String keyFile) {
		this.master = StringUtils.hasText(configured) ? decode(configured) : fromFile(Path.of(keyFile));
	}

	/** A sub-key for one purpose (HKDF-style expand with HMAC-SHA256). */
	public byte[] derive(String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(master, "HmacSHA256"));
			return mac.doFinal((purpose + "\u0001").getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] decode(String base64) {
		byte[] key = Base64.getDecoder().decode(base64.strip());
		if (key.length != 32) {
			throw new IllegalStateException("grassroots.privacy.key must be 32 bytes, base64-encoded");
		}
		return key;
	}

	private static byte[] fromFile(Path file) {
		return org.grassroots.shell.KeyFiles.loadOrCreate(file, KeyMaterial::decode,
				where -> log.warn("Generated a new personal-data key at {}. Back it up: without it, encrypted ID and phone numbers cannot be read.",
					where), "personal-data key");
	}

}
