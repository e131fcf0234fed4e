package org.grassroots.shell;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The one time zone people read times in: the county's local time (China Standard Time). The
 * database keeps instants; every page, ledger and deadline turns them into local time here.
 */
public final class CountyTime {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

	private CountyTime() {
	}

	/** {@code 2026-12-04 09:30}, local time; empty for no time. */
	public static String minutes(Instant at) {
		return at == null ? "" : MINUTES.format(at);
	}

	/** {@code 2026-12-04 09:30:15}, local time; empty for no time. */
	public static String seconds(Instant at) {
		return at == null ? "" : SECONDS.format(at);
	}

}
