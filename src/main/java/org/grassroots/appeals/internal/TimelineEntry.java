package org.grassroots.appeals.internal;

import java.time.Instant;

import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.AppealStatus;
import org.grassroots.appeals.AppealStep;

/** One step in an appeal's timeline (留痕 for the resident and the staff; the audit trail keeps the before/after). */
public record TimelineEntry(Instant at, String actor, AppealStep action, AppealStatus from, AppealStatus to, AppealLevel level,
		String note, boolean publicVisible, String mediaUrl) {

	public TimelineEntry(Instant at, String actor, AppealStep action, AppealStatus from, AppealStatus to, AppealLevel level, String note,
			boolean publicVisible) {
		this(at, actor, action, from, to, level, note, publicVisible, null);
	}

}
