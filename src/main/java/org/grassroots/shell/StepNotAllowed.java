package org.grassroots.shell;

import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * A step the record's current state does not allow: closing a case already settled, accepting an appeal
 * someone accepted a moment ago. The caller acted on an outdated view or out of order, so this is a
 * conflict with the record, not bad input: the API answers 409 with a problem detail whose {@code step}
 * and {@code state} members say what was refused and why; pages show the message with a 409.
 */
public class StepNotAllowed extends RuntimeException {

	private final String step;
	private final String state;
	private final String stateKey;
	private final String kind;
	private final Long id;

	/**
	 * @param step message key naming the step, e.g. {@code dispute.step.close}
	 * @param state the record's current state as the API shows it, e.g. {@code SETTLED}
	 * @param stateKey message key naming that state, e.g. {@code dispute.status.SETTLED}; {@code null} shows the state as it is
	 */
	public StepNotAllowed(String step, String state, String stateKey) {
		this(step, state, stateKey, null, null);
	}

	/** As {@link #StepNotAllowed(String, String, String)}, for the record of that kind ({@code dispute}) and id. */
	public StepNotAllowed(String step, String state, String stateKey, String kind, Long id) {
		super(step + " is not allowed while " + (kind == null ? "the record" : kind + (id == null ? "" : " " + id)) + " is " + state);
		this.step = step;
		this.state = state;
		this.stateKey = stateKey;
		this.kind = kind;
		this.id = id;
	}

	public String step() {
		return step;
	}

	public String state() {
		return state;
	}

	public String stateKey() {
		return stateKey;
	}

	/** The kind of record ({@code dispute}, {@code petition}, {@code appeal}), or {@code null}. */
	public String kind() {
		return kind;
	}

	public Long id() {
		return id;
	}

	/**
	 * The refusal in the user's language, naming the state and the step: "当前状态为“调解成功”，不能结案". A step
	 * or state without a name in the bundle still gives a sentence, never a bare key.
	 */
	public String describe(MessageSource messages, Locale locale) {
		String stateName = stateKey == null ? state : messages.getMessage(stateKey, null, state, locale);
		String stepName = messages.getMessage(step, null, null, locale);
		if (stepName == null) {
			return messages.getMessage("error.stepNotAllowed.anyStep", new Object[] {stateName},
					"Not possible while the state is " + stateName, locale);
		}
		return messages.getMessage("error.stepNotAllowed", new Object[] {stepName, stateName},
				"Cannot " + stepName + " while the state is " + stateName, locale);
	}

}
