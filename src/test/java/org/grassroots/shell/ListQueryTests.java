package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A list's paging and export links keep exactly the filters its request carried. */
class ListQueryTests {

	private static Map<String, String[]> params(String... nameValue) {
		Map<String, String[]> map = new LinkedHashMap<>();
		for (int i = 0; i < nameValue.length; i += 2) {
			map.merge(nameValue[i], new String[] { nameValue[i + 1] }, (a, b) -> {
				String[] both = java.util.Arrays.copyOf(a, a.length + 1);
				both[a.length] = b[0];
				return both;
			});
		}
		return map;
	}

	@Test
	void the_export_link_carries_the_filters_in_the_order_they_came() {
		ListQuery query = ListQuery.of(params("status", "CLOSED", "regionCode", "620799100201", "overdue", "true"), false);
		assertThat(query.link("/appeals/export")).isEqualTo("/appeals/export?status=CLOSED&regionCode=620799100201&overdue=true");
	}

	@Test
	void empty_fields_the_page_shown_and_the_language_switch_are_not_filters() {
		ListQuery query = ListQuery.of(params("q", "", "status", " ", "type", "LAND_BOUNDARY", "page", "3", "lang", "en", "_csrf", "x"),
				true);
		assertThat(query.query()).isEqualTo("type=LAND_BOUNDARY");
		assertThat(query.inPlace()).isTrue();
		assertThat(ListQuery.of(params("page", "2"), false).link("/disputes/export")).isEqualTo("/disputes/export");
	}

	@Test
	void what_was_typed_is_encoded_and_a_repeated_parameter_is_kept_whole() {
		ListQuery query = ListQuery.of(params("q", "路灯 & 水", "tag", "ELDERLY", "tag", "LOW_INCOME"), false);
		assertThat(query.query()).isEqualTo("q=%E8%B7%AF%E7%81%AF%20%26%20%E6%B0%B4&tag=ELDERLY&tag=LOW_INCOME");
	}

	@Test
	void a_link_that_already_has_a_query_gets_the_filters_after_it() {
		ListQuery query = ListQuery.of(params("form", "PHONE"), false);
		assertThat(query.link("/petitions/export?x=1")).isEqualTo("/petitions/export?x=1&form=PHONE");
		assertThat(ListQuery.of(params(), false).link("/petitions")).isEqualTo("/petitions");
	}

}
