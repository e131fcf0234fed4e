package org.grassroots.disputes.web;

import java.util.List;
import java.util.regex.Pattern;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.disputes.internal.DisputeCase;
import org.grassroots.disputes.internal.Disputes;
import org.grassroots.registry.ResidentDirectory;
import org.grassroots.registry.ResidentDirectory.ResidentMatch;
import org.springframework.util.StringUtils;

/**
 * A party row of a form as the page draws it: linked to a resident picked from the registry (shown with their place and
 * masked phone), or open to search the registry by name or household and, failing that, to type an outsider
 * (外来人员/非登记人员). {@code prefix} names its fields ({@code parties[0].} on the new case, {@code party.} on the case page),
 * {@code key} its element ids, {@code near} the place whose residents come first.
 */
record PartyRow(String prefix, String key, DisputeCase.Party.Role role, Disputes.PartyForm form, ResidentMatch linked,
		List<ResidentMatch> matches, boolean searched, boolean registry, String near) {

	private static final Pattern PREFIX = Pattern.compile("party\\.|parties\\[\\d{1,2}]\\.");

	/** How many matches a row lists: past that, one types more. */
	static final int SHOWN = 12;

	static PartyRow of(CurrentUser me, ResidentDirectory residents, String prefix, String key, Disputes.PartyForm form, String nearPath,
			boolean searched) {
		boolean registry = me.can(Permission.REGISTRY_READ);
		ResidentMatch linked = registry && form.residentId() != null ? residents.match(me, form.residentId()).orElse(null) : null;
		searched = searched && linked == null && StringUtils.hasText(form.name());
		List<ResidentMatch> matches = searched && registry
				? residents.search(me, form.name(), nearPath, SHOWN + 1) : List.of();
		String near = nearPath == null ? null : nearPath.substring(nearPath.lastIndexOf('/', nearPath.length() - 2) + 1, nearPath.length() - 1);
		return new PartyRow(checked(prefix), key.replaceAll("[^A-Za-z0-9]", ""), form.role(), form, linked, matches,
				searched, registry, near);
	}

	/** Only the two shapes of field names a party row has: never a name sent by the client put into the page as is. */
	static String checked(String prefix) {
		if (prefix == null || !PREFIX.matcher(prefix).matches()) {
			throw new IllegalArgumentException("Not a party row: " + prefix);
		}
		return prefix;
	}

	public List<ResidentMatch> shown() {
		return matches.size() > SHOWN ? matches.subList(0, SHOWN) : matches;
	}

	public boolean more() {
		return matches.size() > SHOWN;
	}

}
