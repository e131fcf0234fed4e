package org.grassroots.shell.internal;

import org.grassroots.shell.CountedPage;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Component;

/** For the list fragment: whether a page's total is exact ({@code ${@listTotals.exact(page)}}). */
@Component("listTotals")
class ListTotals {

	public int cap() {
		return CountedPage.CAP;
	}

	public boolean exact(Page<?> page) {
		return !(page instanceof CountedPage<?> counted) || counted.isTotalExact();
	}

}
