package org.grassroots.appeals;

import java.util.List;

/**
 * Many steps taken at once (the demo county's year of appeals): one event for all of them, so listeners can
 * work set-wise, as with {@link AppealsSubmitted}.
 */
public record AppealsTransitioned(List<AppealTransitioned> steps) {
}
