package org.grassroots.privacy;

import java.util.regex.Pattern;

/** Mainland mobile (11 digits starting 1) or a landline with area code, e.g. 0936-2722969. */
public final class PhoneNumber {

	private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
	private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-?\\d{7,8}");

	/**
	 * The longest number kept as another system gave it (a visitor's foreign number, one with an extension): its
	 * ciphertext and its mask then fit where a mainland number's do.
	 */
	public static final int AS_GIVEN_MAX = 32;

	private PhoneNumber() {
	}

	public static String normalise(String raw) {
		return raw == null ? null : raw.replace(" ", "").strip();
	}

	public static boolean isValid(String raw) {
		String phone = normalise(raw);
		return phone != null && (MOBILE.matcher(phone).matches() || LANDLINE.matcher(phone).matches());
	}

	/** 138****5678. */
	public static String mask(String raw) {
		String phone = normalise(raw);
		if (phone == null || phone.length() < 7) {
			return "****";
		}
		return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
	}

	/**
	 * A number kept as given, masked to at most 11 characters whatever its length: the first 3 and the last 4 shown,
	 * nothing shown of one shorter than 8.
	 */
	public static String maskAsGiven(String raw) {
		String phone = normalise(raw);
		if (phone == null || phone.length() < 8) {
			return "****";
		}
		return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
	}

}
