package org.grassroots.access;

import java.util.List;

/** A module's answer to "what is waiting for this person?", by their rights and within their scope only. */
public interface WorkItemSource {

	/** What waits for the person now; nothing (an empty list) when the module has nothing for them. */
	List<WorkItem> itemsFor(CurrentUser user);

}
