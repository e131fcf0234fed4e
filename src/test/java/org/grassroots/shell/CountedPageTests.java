package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.data.domain.PageRequest;

/** A list's total: exact up to the cap; beyond it "at least", with paging that goes on while pages come back full. */
class CountedPageTests {

	private static List<Integer> rows(int n) {
		return Collections.nCopies(n, 1);
	}

	@Test
	void up_to_the_cap_the_total_is_exact() {
		CountedPage<Integer> page = CountedPage.of(rows(20), PageRequest.of(0, 20), CountedPage.CAP);
		assertThat(page.isTotalExact()).isTrue();
		assertThat(page.getTotalElements()).isEqualTo(CountedPage.CAP);
		assertThat(page.getTotalPages()).isEqualTo(CountedPage.CAP / 20);
	}

	@Test
	void beyond_the_cap_the_total_is_a_floor_and_the_next_page_exists_while_pages_are_full() {
		CountedPage<Integer> first = CountedPage.of(rows(20), PageRequest.of(0, 20), CountedPage.CAP + 1);
		assertThat(first.isTotalExact()).isFalse();
		assertThat(first.getTotalElements()).isEqualTo(CountedPage.CAP + 1);
		assertThat(first.hasNext()).isTrue();

		// deep past the cap: a full page says there is another
		CountedPage<Integer> deep = CountedPage.of(rows(20), PageRequest.of(1_000, 20), CountedPage.CAP + 1);
		assertThat(deep.hasNext()).isTrue();
		assertThat(deep.getTotalElements()).isEqualTo(20_000 + 20 + 1);

		// and a short page is the last
		CountedPage<Integer> last = CountedPage.of(rows(7), PageRequest.of(1_000, 20), CountedPage.CAP + 1);
		assertThat(last.hasNext()).isFalse();
		assertThat(last.isLast()).isTrue();
		assertThat(last.getTotalElements()).isEqualTo(20_007);
	}

	@Test
	void the_api_model_says_whether_the_total_is_exact() {
		assertThat(new CountedPage.Model<>(CountedPage.of(rows(3), PageRequest.of(0, 20), 3)).isTotalExact()).isTrue();
		assertThat(new CountedPage.Model<>(CountedPage.of(rows(20), PageRequest.of(0, 20), CountedPage.CAP + 1)).isTotalExact()).isFalse();
		assertThat(new CountedPage.Model<>(new org.springframework.data.domain.PageImpl<>(rows(3))).isTotalExact()).isTrue();
	}

}
