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

	private final Keyset next;

	private final Keyset previous;

	private CountedPage(List<T> rows, Pageable page, long total, boolean exact, Keyset next, Keyset previous) {
		super(rows, page, total);
		this.exact = exact;
		this.next = next;
		this.previous = previous;
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
			return new CountedPage<>(rows, page, counted, true, null, null);
		}
		// beyond the cap: at least what was counted, and one more than this page while it came back full
		long seen = page.getOffset() + rows.size() + (rows.size() == page.getPageSize() ? 1 : 0);
		return new CountedPage<>(rows, page, Math.max(counted, seen), false, null, null);
	}

	/**
	 * This page with the positions its neighbours are read from ({@link Keyset}): the next page starts after its last
	 * row, the previous one ends before its first.
	 */
	public CountedPage<T> withPositions(java.util.function.Function<T, Keyset> position) {
		List<T> rows = getContent();
		if (rows.isEmpty()) {
			return this;
		}
		return new CountedPage<>(rows, getPageable(), getTotalElements(), exact, hasNext() ? position.apply(rows.get(rows.size() - 1)) : null,
				getNumber() > 0 ? position.apply(rows.get(0)) : null);
	}

	/** Where the next page starts (null on the last page or where the list is read by page number only). */
	public Keyset next() {
		return next;
	}

	/** Where the previous page ends (null on the first page). */
	public Keyset previous() {
		return previous;
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

		private final String next;

		private final String previous;

		public Model(org.springframework.data.domain.Page<T> page) {
			super(page);
			CountedPage<?> counted = page instanceof CountedPage<?> c ? c : null;
			this.totalExact = counted == null || counted.isTotalExact();
			this.next = counted == null || counted.next() == null ? null : counted.next().token();
			this.previous = counted == null || counted.previous() == null ? null : counted.previous().token();
		}

		public boolean isTotalExact() {
			return totalExact;
		}

		/** Pass as {@code after} (with the next page number) to read the next page from where this one ends; absent on the last page. */
		@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
		public String getNext() {
			return next;
		}

		/** Pass as {@code before} (with the previous page number) to read the previous page; absent on the first page. */
		@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
		public String getPrevious() {
			return previous;
		}

	}

}
