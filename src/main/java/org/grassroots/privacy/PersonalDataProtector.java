package org.grassroots.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.grassroots.privacy.internal.KeyMaterial;
import org.springframework.stereotype.Component;

/**
 * Encrypts personal values with AES-256-GCM (random 96-bit nonce per value), hashes them with
 * HMAC-SHA256 under a separate derived key for exact lookup, and masks them for display.
 */
@Component
public class PersonalDataProtector {

	private static final String PREFIX = "v1:";
	private static final int NONCE_BYTES = 12;

	private final SecretKeySpec encryptionKey;
	private final SecretKeySpec lookupKey;
	private final SecureRandom random = new SecureRandom();
	/**
	 * One cipher and one MAC per thread, made once: looking the algorithms up for every value was a quarter of
	 * the demo county's generation time. A cipher is initialised afresh (with a new nonce) for each value.
	 */
	private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
		try {
			return Cipher.getInstance("AES/GCM/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM unavailable", ex);
		}
	});
	private final ThreadLocal<Mac> macs;

	public PersonalDataProtector(KeyMaterial keys) {
		this.encryptionKey = new SecretKeySpec(keys.derive("grassroots-encryption"), "AES");
		this.lookupKey = new SecretKeySpec(keys.derive("grassroots-lookup"), "HmacSHA256");
		SecretKeySpec lookup = this.lookupKey;
		this.macs = ThreadLocal.withInitial(() -> {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(lookup);
				return mac;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HmacSHA256 unavailable", ex);
			}
		});
	}

	public ProtectedValue protectIdNumber(String idNumber) {
		return protect(IdNumber.normalise(idNumber), IdNumber::mask);
	}

	/** Null in, null out: a phone number is optional for most people. */
	public ProtectedValue protectPhone(String phone) {
		String normal = PhoneNumber.normalise(phone);
		return normal == null || normal.isEmpty() ? new ProtectedValue(null, null, null) : protect(normal, PhoneNumber::mask);
	}

	/**
	 * A phone number as another system gave it, unchecked (Open311 clients pass on whatever their users typed): a
	 * mainland number is protected exactly as {@link #protectPhone} does, anything else kept as given (spaces
	 * dropped), encrypted, hashed and masked by {@link PhoneNumber#maskAsGiven}. Mainland validation elsewhere is
	 * untouched: this is only for numbers nobody here can check.
	 * @throws IllegalArgumentException when longer than {@link PhoneNumber#AS_GIVEN_MAX} characters
	 */
	public ProtectedValue protectPhoneAsGiven(String phone) {
		if (PhoneNumber.isValid(phone)) {
			return protectPhone(phone);
		}
		String given = PhoneNumber.normalise(phone);
		if (given == null || given.isEmpty()) {
			return new ProtectedValue(null, null, null);
		}
		if (given.length() > PhoneNumber.AS_GIVEN_MAX) {
			throw new IllegalArgumentException("A phone number kept as given has at most " + PhoneNumber.AS_GIVEN_MAX + " characters");
		}
		return protect(given, PhoneNumber::maskAsGiven);
	}

	public String lookupHashOfIdNumber(String idNumber) {
		return hash(IdNumber.normalise(idNumber));
	}

	public String lookupHashOfPhone(String phone) {
		return hash(PhoneNumber.normalise(phone));
	}

	/** A keyed hash of any other identifier (a client address, say) kept only to count or match it. */
	public String lookupHash(String value) {
		return hash(value);
	}

	public String reveal(String cipherText) {
		if (cipherText == null) {
			return null;
		}
		if (!cipherText.startsWith(PREFIX)) {
			throw new IllegalArgumentException("Unknown cipher format");
		}
		try {
			byte[] all = Base64.getDecoder().decode(cipherText.substring(PREFIX.length()));
			ByteBuffer buffer = ByteBuffer.wrap(all);
			byte[] nonce = new byte[NONCE_BYTES];
			buffer.get(nonce);
			byte[] body = new byte[buffer.remaining()];
			buffer.get(body);
			Cipher cipher = ciphers.get();
			cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, nonce));
			return new String(cipher.doFinal(body), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Personal data could not be decrypted: wrong key or tampered value", ex);
		}
	}

	private ProtectedValue protect(String plain, UnaryOperator<String> mask) {
		return new ProtectedValue(encrypt(plain), hash(plain), mask.apply(plain));
	}

	private String encrypt(String plain) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			Cipher cipher = ciphers.get();
			cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, nonce));
			byte[] body = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			return PREFIX + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(nonce.length + body.length).put(nonce).put(body).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM unavailable", ex);
		}
	}

	private String hash(String plain) {
		if (plain == null) {
			return null;
		}
		// doFinal leaves the Mac ready for the next value under the same key
		return HexFormat.of().formatHex(macs.get().doFinal(plain.getBytes(StandardCharsets.UTF_8)));
	}

}
