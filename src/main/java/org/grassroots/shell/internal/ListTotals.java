package org.grassroots.shell.internal;

import org.grassroots.shell.CountedPage;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Component;

/**
 * For the list fragment: whether a page's total is exact ({@code ${@listTotals.exact(page)}}), and the positions its
 * paging links read the neighbouring pages from ({@code after}, {@code before}: empty for a list read by number only).
 */
@Component("listTotals")
class ListTotals {

	public int cap() {
		return CountedPage.CAP;
	}

	public boolean exact(Page<?> page) {
		return !(page instanceof CountedPage<?> counted) || counted.isTotalExact();
	}

	/** "&after=…" for the next page's link, or "". */
	public String after(Page<?> page) {
		return page instanceof CountedPage<?> counted && counted.next() != null ? "&after=" + counted.next().token() : "";
	}

	/** "&before=…" for the previous page's link, or "" (also for the first page, which is read from the top). */
	public String before(Page<?> page) {
		return page instanceof CountedPage<?> counted && counted.previous() != null && page.getNumber() > 1
				? "&before=" + counted.previous().token() : "";
	}

}
