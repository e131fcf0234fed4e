package org.grassroots.privacy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The 18-character resident identity number (公民身份号码, GB 11643-1999): 6-digit area code,
 * 8-digit birth date, 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2
 * check character.
 */
public final class IdNumber {

	private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

	private IdNumber() {
	}

	/** Upper-cases the check character and strips blanks; returns null for null. */
	public static String normalise(String raw) {
		return raw == null ? null : raw.strip().toUpperCase();
	}

	public static boolean isValid(String raw) {
		String id = normalise(raw);
		if (id == null || id.length() != 18) {
			return false;
		}
		for (int i = 0; i < 17; i++) {
			if (!Character.isDigit(id.charAt(i))) {
				return false;
			}
		}
		return checkCharacter(id.substring(0, 17)) == id.charAt(17) && birthDate(id).isPresent();
	}

	/** The check character for the first 17 digits. */
	public static char checkCharacter(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK[sum % 11];
	}

	public static Optional<LocalDate> birthDate(String raw) {
		String id = normalise(raw);
		if (id == null || id.length() < 14) {
			return Optional.empty();
		}
		try {
			LocalDate date = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
					Integer.parseInt(id.substring(12, 14)));
			return date.getYear() >= 1900 && !date.isAfter(LocalDate.now()) ? Optional.of(date) : Optional.empty();
		}
		catch (NumberFormatException | DateTimeException ex) {
			return Optional.empty();
		}
	}

	/** "MALE" or "FEMALE" from the sequence digit. */
	public static String gender(String raw) {
		String id = normalise(raw);
		return (id.charAt(16) - '0') % 2 == 1 ? "MALE" : "FEMALE";
	}

	/**
	 * 4201************34: the province and prefecture and the last two stay visible. The birth date is hidden and so
	 * is the rest of the sequence: with the last four and the birth date shown (as before), a handful of checksum-valid
	 * numbers were left to try.
	 */
	public static String mask(String raw) {
		String id = normalise(raw);
		if (id == null || id.length() < 8) {
			return "****";
		}
		return id.substring(0, 4) + "*".repeat(id.length() - 6) + id.substring(id.length() - 2);
	}

	/** Whether a stored mask is of the form {@link #mask} makes now (an older one showed the last four). */
	public static boolean isCurrentMask(String masked) {
		return masked == null || masked.length() != 18 || masked.substring(4, 16).chars().allMatch(c -> c == '*');
	}

	/** An older mask (first four, last four) in the current form: the digits it keeps are a subset of the old ones. */
	public static String remask(String masked) {
		if (isCurrentMask(masked)) {
			return masked;
		}
		return masked.substring(0, 4) + "*".repeat(12) + masked.substring(16);
	}

}
