package org.grassroots.shell;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a record's page needs to show one of its step forms again after the step was refused: which form it was (its
 * key, e.g. {@code resolve}, or {@code request:2} for the second item's), each field's problem beside the field, and
 * what was typed. Every other form on the page shows empty. Pages read it as {@code ${panel}}:
 * {@code panel.value('resolve', 'note')}, {@code panel.error('resolve', 'note')}, {@code panel.open('resolve')}.
 */
public final class StepPanel {

	private static final StepPanel NONE = new StepPanel(null, Map.of(), Map.of());

	private final String key;
	private final Map<String, String> errors;
	private final Map<String, String> typed;

	private StepPanel(String key, Map<String, String> errors, Map<String, String> typed) {
		this.key = key;
		this.errors = errors;
		this.typed = typed;
	}

	/** No form was refused: every form shows empty. */
	public static StepPanel none() {
		return NONE;
	}

	/**
	 * The form {@code key} refused for {@code refusal}, with what was typed into it (field to text; null values are
	 * left out).
	 */
	public static StepPanel refused(String key, PageSteps.Refusal refusal, Map<String, ?> typed) {
		Map<String, String> values = new HashMap<>();
		typed.forEach((field, value) -> {
			if (value != null) {
				values.put(field, String.valueOf(value));
			}
		});
		return new StepPanel(key, Map.copyOf(refusal.fields()), Collections.unmodifiableMap(values));
	}

	/** Whether this form was the one refused (it is shown open). */
	public boolean open(String form) {
		return key != null && key.equals(form);
	}

	/** Whether any form was refused. */
	public boolean refused() {
		return key != null;
	}

	/** The field's problem, when this form was refused for it; otherwise null. */
	public String error(String form, String field) {
		return open(form) ? errors.get(field) : null;
	}

	/** What was typed into the field of this form when it was refused; otherwise the empty string. */
	public String value(String form, String field) {
		return open(form) ? typed.getOrDefault(field, "") : "";
	}

	/** Whether {@code option} was among the values (comma-separated, as several checked boxes bind) typed into the field. */
	public boolean chosen(String form, String field, String option) {
		String values = value(form, field);
		return !values.isEmpty() && Arrays.stream(values.split(",")).map(String::strip).toList().contains(option);
	}

	/** The values chosen in the field, as {@link #chosen} reads them. */
	public List<String> values(String form, String field) {
		String values = value(form, field);
		return values.isEmpty() ? List.of() : Arrays.stream(values.split(",")).map(String::strip).toList();
	}

}
