package org.grassroots.shell;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a newest-first list stands: the time and id of a row. The next page is the rows after it ({@code after}), the
 * previous one the rows before it ({@code before}), read through the list's (time, id) index from that point instead of
 * skipping every row in front of it: page 5,000 of a county's million appeals costs what page 2 costs. Travels as an
 * opaque token in links and the API ({@link #token}); a token that does not parse is refused as a malformed parameter
 * (the API's 400 naming it).
 */
public record Keyset(Instant at, long id) {

	private static final Pattern TOKEN = Pattern.compile("(-?[0-9]{1,19})\\.([0-9]{1,19})");

	public Keyset {
		at = at.truncatedTo(ChronoUnit.MICROS);
	}

	/** The token links and the API carry: base64url of "epoch microseconds.id". */
	public String token() {
		String plain = ChronoUnit.MICROS.between(Instant.EPOCH, at) + "." + id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
	}

	/** A request parameter read as a position (Spring's conversion of {@code after} and {@code before}). */
	public static Keyset valueOf(String token) {
		return parse(token);
	}

	/** A token read back; {@link IllegalArgumentException} when it is not one. */
	public static Keyset parse(String token) {
		String plain;
		try {
			plain = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.US_ASCII);
		}
		catch (IllegalArgumentException notBase64) {
			throw new IllegalArgumentException("Not a list position: " + token);
		}
		Matcher m = TOKEN.matcher(plain);
		if (!m.matches()) {
			throw new IllegalArgumentException("Not a list position: " + token);
		}
		try {
			return new Keyset(Instant.EPOCH.plus(Long.parseLong(m.group(1)), ChronoUnit.MICROS), Long.parseLong(m.group(2)));
		}
		catch (RuntimeException outOfRange) {
			throw new IllegalArgumentException("Not a list position: " + token);
		}
	}

	/**
	 * Which way a page is read from a position: {@code after} it (older rows, the next page) or {@code before} it (newer
	 * rows, the previous page); {@link #NONE} when the page is read by its number.
	 */
	public record Seek(Keyset after, Keyset before) {

		public static final Seek NONE = new Seek(null, null);

		public boolean isNone() {
			return after == null && before == null;
		}

		/**
		 * The condition and order for a list ordered by {@code time} then {@code id}, newest first: rows after (or before)
		 * the position, in the order to read them (ascending when reading backwards; the caller reverses those rows).
		 */
		public String condition(String time, String id) {
			if (after != null) {
				return " AND " + time + " <= :seekAt AND (" + time + " < :seekAt OR " + id + " < :seekId)";
			}
			if (before != null) {
				return " AND " + time + " >= :seekAt AND (" + time + " > :seekAt OR " + id + " > :seekId)";
			}
			return "";
		}

		public String order(String time, String id) {
			return before != null ? " ORDER BY " + time + " ASC, " + id + " ASC" : " ORDER BY " + time + " DESC, " + id + " DESC";
		}

		public Keyset position() {
			return after != null ? after : before;
		}

		public boolean backwards() {
			return after == null && before != null;
		}

	}

}
