package org.grassroots.shell;

import java.util.List;
import java.util.Map;

import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A list's page whose total is counted exactly up to {@value #CAP} rows, and beyond that only known to be more: a
 * county's million appeals are not counted again on every page, while a village's list says exactly how many it has.
 * Paging goes on past the cap (the next page exists while a page comes back full); the list shows "10,000+".
 */
public final class CountedPage<T> extends PageImpl<T> {

	/** Rows counted exactly; a list with more says "more than this". */
	public static final int CAP = 10_000;

	private final boolean exact;

	private CountedPage(List<T> rows, Pageable page, long total, boolean exact) {
		super(rows, page, total);
		this.exact = exact;
	}

	/**
	 * Counts the rows of {@code fromWhere} (a query's FROM and WHERE, with its {@code params}), stopping at one more
	 * than {@link #CAP}.
	 */
	public static long count(JdbcClient jdbc, String fromWhere, Map<String, ?> params) {
		return jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 " + fromWhere + " LIMIT " + (CAP + 1) + ") counted")
			.params(params)
			.query(Long.class)
			.single();
	}

	/** The page of {@code rows}, given what {@link #count} found. */
	public static <T> CountedPage<T> of(List<T> rows, Pageable page, long counted) {
		if (counted <= CAP) {
			return new CountedPage<>(rows, page, counted, true);
		}
		// beyond the cap: at least what was counted, and one more than this page while it came back full
		long seen = page.getOffset() + rows.size() + (rows.size() == page.getPageSize() ? 1 : 0);
		return new CountedPage<>(rows, page, Math.max(counted, seen), false);
	}

	/** Whether the total is the list's exact size (otherwise the list has at least that many). */
	public boolean isTotalExact() {
		return exact;
	}

	/**
	 * A page in the API: the content and the page's numbers as everywhere ({@code content}, {@code page}), and whether
	 * {@code page.totalElements} is exact ({@code totalExact}; when false the list has at least that many).
	 */
	public static final class Model<T> extends org.springframework.data.web.PagedModel<T> {

		private final boolean totalExact;

		public Model(org.springframework.data.domain.Page<T> page) {
			super(page);
			this.totalExact = !(page instanceof CountedPage<?> counted) || counted.isTotalExact();
		}

		public boolean isTotalExact() {
			return totalExact;
		}

	}

}
