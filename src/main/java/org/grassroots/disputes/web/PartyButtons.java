package org.grassroots.disputes.web;

import java.util.List;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.disputes.internal.Disputes;
import org.grassroots.registry.ResidentDirectory;

/**
 * The buttons of a party row when the page has no script: {@code find} (the row's key: search the registry for what
 * was typed), {@code pick} ({@code key:residentId}: link the row to that resident), {@code unpick} (the key: search again).
 * With htmx the same buttons fetch the row's matches or the row itself instead of sending the form.
 */
record PartyButtons(String find, String pick, String unpick) {

	boolean pressed() {
		return find != null || pick != null || unpick != null;
	}

	/** The rows with the pressed button's change made: a resident linked (if in the caller's scope) or unlinked. */
	List<Disputes.PartyForm> apply(CurrentUser me, ResidentDirectory residents, List<Disputes.PartyForm> rows) {
		if (pick != null && pick.contains(":")) {
			int i = index(pick.substring(0, pick.indexOf(':')), rows.size());
			Long residentId = parse(pick.substring(pick.indexOf(':') + 1));
			if (i >= 0 && residentId != null && me.can(Permission.REGISTRY_READ)) {
				Disputes.PartyForm row = rows.get(i);
				residents.match(me, residentId).ifPresent(
						m -> rows.set(i, new Disputes.PartyForm(row.role(), m.id(), m.name(), null, null)));
			}
		}
		if (unpick != null) {
			int i = index(unpick, rows.size());
			if (i >= 0) {
				Disputes.PartyForm row = rows.get(i);
				rows.set(i, new Disputes.PartyForm(row.role(), null, row.name(), row.phone(), row.address()));
			}
		}
		return rows;
	}

	/** A row's key is its index on the new case, "new" for the one row of the case page. */
	private static int index(String key, int size) {
		if ("new".equals(key)) {
			return size > 0 ? 0 : -1;
		}
		Long i = parse(key);
		return i != null && i >= 0 && i < size ? i.intValue() : -1;
	}

	private static Long parse(String s) {
		try {
			return Long.valueOf(s.strip());
		}
		catch (NumberFormatException | NullPointerException garbled) {
			return null;
		}
	}

}
