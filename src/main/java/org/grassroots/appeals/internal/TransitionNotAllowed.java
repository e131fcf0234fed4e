package org.grassroots.appeals.internal;

import java.util.Locale;

import org.grassroots.appeals.AppealStatus;
import org.grassroots.shell.StepNotAllowed;

/**
 * A step that the appeal's current status does not allow: the caller acted on an outdated view. Answered
 * like every module's {@link StepNotAllowed}: 409, step {@code appeal.step.<action>} and the status.
 */
public class TransitionNotAllowed extends StepNotAllowed {

	private final String action;
	private final AppealStatus status;

	public TransitionNotAllowed(String action, AppealStatus status) {
		super(stepKey(action), status.name(), "appeal.status." + status.name(), "appeal", null);
		this.action = action;
		this.status = status;
	}

	/** "resolve" → appeal.step.resolve, "report in" → appeal.step.reportIn, "merge into X7K…" → appeal.step.mergeInto. */
	static String stepKey(String action) {
		String[] words = (action.startsWith("merge into") ? "merge into" : action).strip().split("\\s+");
		StringBuilder key = new StringBuilder("appeal.step.").append(words[0].toLowerCase(Locale.ROOT));
		for (int i = 1; i < words.length; i++) {
			key.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1).toLowerCase(Locale.ROOT));
		}
		return key.toString();
	}

	public String action() {
		return action;
	}

	public AppealStatus status() {
		return status;
	}

}
