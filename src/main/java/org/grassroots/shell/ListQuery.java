package org.grassroots.shell;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * What a list page was asked for: the filters its request carried, and whether htmx asked for the results alone (a
 * filter applied in place) or for the whole page. The list's paging and its ledger export link carry the same filters
 * ({@link #link}), so the ledger exported is the list on the screen, with or without JavaScript.
 * <p>
 * A list handler takes it as an argument; it is then in the model as {@value #MODEL_NAME}, for
 * {@code templates/fragments/list.html}.
 */
public record ListQuery(String query, boolean inPlace) {

	public static final String MODEL_NAME = "listQuery";

	/**
	 * Parameters that are not filters: the page shown and where it was read from (paging adds its own), the language
	 * switch, a stray token.
	 */
	private static final Set<String> NOT_FILTERS = Set.of("page", "after", "before", "lang", "_csrf");

	/**
	 * @param parameters the request's parameters, in the order they came
	 * @param inPlace whether only the results are wanted (an htmx request that is not restoring the browser's history)
	 */
	public static ListQuery of(Map<String, String[]> parameters, boolean inPlace) {
		StringJoiner query = new StringJoiner("&");
		parameters.forEach((name, values) -> {
			if (NOT_FILTERS.contains(name)) {
				return;
			}
			for (String value : values) {
				// an empty field is no filter: "all statuses" need not travel as status=
				if (value != null && !value.isBlank()) {
					query.add(encode(name) + "=" + encode(value));
				}
			}
		});
		return new ListQuery(query.toString(), inPlace);
	}

	/** {@code path} with this list's filters, e.g. the export {@code /appeals/export?status=CLOSED}. */
	public String link(String path) {
		if (query.isEmpty()) {
			return path;
		}
		return path + (path.contains("?") ? "&" : "?") + query;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
