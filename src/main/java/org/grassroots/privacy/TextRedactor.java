package org.grassroots.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what a person may have typed about themselves into free text that goes out to the public (an Open311
 * request's description and address): 18- and 15-digit identity numbers, mainland mobile numbers (with or without
 * +86, spaces or dashes), landlines with their area code, and any other run of seven or more digits (a local number,
 * a bank card). Every character of a match becomes '*', so that not even the last four digits — which with a
 * tracking code open the tracking page — are left. Full-width digits count as digits.
 */
public final class TextRedactor {

	private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS;

	private static final Pattern ID_NUMBER = Pattern.compile("(?<![\\dA-Za-z])(?:\\d{17}[\\dXx]|\\d{15})(?![\\dA-Za-z])", FLAGS);

	private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(?:(?:\\+|00)?86[\\s-]?)?1[3-9]\\d(?:[\\s-]?\\d){8}(?!\\d)", FLAGS);

	private static final Pattern LANDLINE = Pattern.compile("(?<!\\d)(?:\\(0\\d{2,3}\\)|0\\d{2,3})[\\s-]?\\d{7,8}(?:-\\d{1,6})?(?!\\d)",
			FLAGS);

	private static final Pattern LONG_NUMBER = Pattern.compile("\\d(?:[\\s-]?\\d){6,}", FLAGS);

	private TextRedactor() {
	}

	/** The text with identity and phone numbers (and any long number) masked; null stays null. */
	public static String redact(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String out = text;
		for (Pattern pattern : new Pattern[] {ID_NUMBER, MOBILE, LANDLINE, LONG_NUMBER}) {
			out = mask(pattern, out);
		}
		return out;
	}

	private static String mask(Pattern pattern, String text) {
		Matcher m = pattern.matcher(text);
		if (!m.find()) {
			return text;
		}
		StringBuilder sb = new StringBuilder();
		do {
			m.appendReplacement(sb, "*".repeat(m.group().codePointCount(0, m.group().length())));
		}
		while (m.find());
		m.appendTail(sb);
		return sb.toString();
	}

}
