package org.grassroots.shell;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;

/** The paging rules every list and API follows: page from 0, 20 by default, at most 200. */
public final class Pages {

	public static final int DEFAULT_SIZE = 20;
	public static final int MAX_SIZE = 200;

	private Pages() {
	}

	public static Pageable of(Integer page, Integer size) {
		int p = page == null || page < 0 ? 0 : page;
		int s = size == null || size < 1 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
		return PageRequest.of(p, s);
	}

}
