package org.grassroots.appeals;

import java.util.List;

/** Many appeals submitted at once (a 12345 import): one event for the batch, so listeners can work set-wise. */
public record AppealsSubmitted(List<AppealSubmitted> appeals) {
}
