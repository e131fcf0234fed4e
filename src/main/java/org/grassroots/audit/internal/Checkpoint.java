package org.grassroots.audit.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The chain's head as it was at a moment, kept outside the database (a file, a shipped log line) and signed with
 * the audit key: the entry with this sequence number must still be there, with this hash.
 */
public record Checkpoint(long seq, String hash, Instant at, long keyedFrom, String mac) {

	static Checkpoint signed(long seq, String hash, Instant at, long keyedFrom, AuditKey key) {
		return new Checkpoint(seq, hash, at, keyedFrom, key.mac(signedText(seq, hash, at, keyedFrom)));
	}

	boolean validUnder(AuditKey key) {
		return mac != null && mac.equals(key.mac(signedText(seq, hash, at, keyedFrom)));
	}

	/** One line: {@code seq=… hash=… at=… from=… mac=…}. */
	String line() {
		return "seq=" + seq + " hash=" + hash + " at=" + at + " from=" + keyedFrom + " mac=" + mac;
	}

	/**
	 * Reads a line written by {@link #line()}, with anything before it (a log line's prefix); null when it is not one.
	 */
	static Checkpoint parse(String line) {
		int start = line.indexOf("seq=");
		if (start < 0) {
			return null;
		}
		Map<String, String> fields = new HashMap<>();
		for (String token : line.substring(start).strip().split("\\s+")) {
			int eq = token.indexOf('=');
			if (eq > 0) {
				fields.put(token.substring(0, eq), token.substring(eq + 1));
			}
		}
		try {
			return new Checkpoint(Long.parseLong(fields.get("seq")), fields.get("hash"), Instant.parse(fields.get("at")),
					Long.parseLong(fields.get("from")), fields.get("mac"));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String signedText(long seq, String hash, Instant at, long keyedFrom) {
		return String.join("\u001f", "audit-checkpoint", Long.toString(seq), String.valueOf(hash), at.toString(),
				Long.toString(keyedFrom));
	}

}
