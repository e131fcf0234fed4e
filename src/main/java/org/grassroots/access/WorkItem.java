package org.grassroots.access;

import java.time.Instant;

/**
 * Something waiting for a person (appeals to accept, whistles to report in, close-outs to approve, households due a
 * visit …): how many, where to find them, and the nearest deadline among them. Each module says what is waiting for
 * whom through a {@link WorkItemSource}; the workbench lists them all, the most urgent first.
 *
 * @param labelKey the message key naming it ("待签收")
 * @param due the nearest deadline among them, or null when they have none
 */
public record WorkItem(String labelKey, long count, String href, Instant due, boolean overdue) {

	/** Adds the line to {@code items} when anything waits ({@code count > 0}); overdue when its nearest deadline has passed. */
	public static void addIfAny(java.util.List<WorkItem> items, String labelKey, long count, String href, Instant due, Instant now) {
		if (count > 0) {
			items.add(new WorkItem(labelKey, count, href, due, due != null && due.isBefore(now)));
		}
	}

}
