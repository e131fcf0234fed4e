package org.grassroots.appeals.internal;

import java.util.Locale;

import org.grassroots.appeals.AppealStatus;
import org.grassroots.appeals.AppealStep;
import org.grassroots.shell.StepNotAllowed;

/**
 * A step that the appeal's current state does not allow: the caller acted on an outdated view. Answered like every
 * module's {@link StepNotAllowed}: 409, step {@code appeal.step.<step>} and the status.
 */
public class TransitionNotAllowed extends StepNotAllowed {

	private final AppealStep appealStep;
	private final AppealStatus status;

	public TransitionNotAllowed(AppealStep step, AppealStatus status) {
		super(stepKey(step), status.name(), "appeal.status." + status.name(), "appeal", null);
		this.appealStep = step;
		this.status = status;
	}

	/** ACCEPT → appeal.step.accept, REPORT_IN → appeal.step.reportIn. */
	static String stepKey(AppealStep step) {
		String[] words = step.name().toLowerCase(Locale.ROOT).split("_");
		StringBuilder key = new StringBuilder("appeal.step.").append(words[0]);
		for (int i = 1; i < words.length; i++) {
			key.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
		}
		return key.toString();
	}

	public AppealStep appealStep() {
		return appealStep;
	}

	public AppealStatus status() {
		return status;
	}

}
