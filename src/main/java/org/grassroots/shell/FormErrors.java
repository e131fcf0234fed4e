package org.grassroots.shell;

import org.springframework.validation.BindingResult;

/** Puts the problems of a rejected input beside their fields on the page's form. */
public final class FormErrors {

	private FormErrors() {
	}

	public static void apply(InputRejected rejected, BindingResult result) {
		for (InputRejected.FieldProblem problem : rejected.problems()) {
			if (problem.field() == null || problem.field().isEmpty()) {
				result.reject(problem.messageKey(), problem.args(), problem.messageKey());
			}
			else {
				try {
					result.rejectValue(problem.field(), problem.messageKey(), problem.args(), problem.messageKey());
				}
				catch (RuntimeException notAField) {
					result.reject(problem.messageKey(), problem.args(), problem.messageKey());
				}
			}
		}
	}

	/**
	 * As {@link #apply(InputRejected, BindingResult)}, but the problems of a list's rows ({@code parties[1].phone})
	 * become messages for the whole form naming the row, e.g. "第 2 位当事人：电话号码格式不正确", through
	 * {@code rowMessageKey} with the row number from 1 and the problem's text.
	 */
	public static void apply(InputRejected rejected, BindingResult result, String list, String rowMessageKey,
			org.springframework.context.MessageSource messages, java.util.Locale locale) {
		java.util.regex.Pattern row = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(list) + "\\[(\\d+)\\].*");
		java.util.List<InputRejected.FieldProblem> fields = new java.util.ArrayList<>();
		for (InputRejected.FieldProblem problem : rejected.problems()) {
			java.util.regex.Matcher m = problem.field() == null ? null : row.matcher(problem.field());
			if (m != null && m.matches()) {
				String text = messages.getMessage(problem.messageKey(), problem.args(), problem.messageKey(), locale);
				result.reject(rowMessageKey, new Object[] {Integer.parseInt(m.group(1)) + 1, text}, text);
			}
			else {
				fields.add(problem);
			}
		}
		if (!fields.isEmpty()) {
			apply(new InputRejected(fields), result);
		}
	}

	/** The first problem in the user's language, for a page that shows one line (a step that was refused). */
	public static String firstMessage(InputRejected rejected, org.springframework.context.MessageSource messages, java.util.Locale locale) {
		return firstMessage(rejected, java.util.Map.of(), messages, locale);
	}

	/**
	 * As {@link #firstMessage(InputRejected, org.springframework.context.MessageSource, java.util.Locale)}, named by
	 * its field's label when {@code labels} (field to message key) has one: "调解记录：内容过长（最多 4000 字）".
	 */
	public static String firstMessage(InputRejected rejected, java.util.Map<String, String> labels,
			org.springframework.context.MessageSource messages, java.util.Locale locale) {
		InputRejected.FieldProblem problem = rejected.problems().get(0);
		return named(problem.field(), messages.getMessage(problem.messageKey(), problem.args(), problem.messageKey(), locale), labels,
				messages, locale);
	}

	/** The first problem of a form that did not bind or validate, in the user's language and named by its field's label. */
	public static String firstMessage(BindingResult result, java.util.Map<String, String> labels,
			org.springframework.context.MessageSource messages, java.util.Locale locale) {
		org.springframework.validation.ObjectError error = result.getAllErrors().get(0);
		String field = error instanceof org.springframework.validation.FieldError fieldError ? fieldError.getField() : null;
		return named(field, messages.getMessage(error, locale), labels, messages, locale);
	}

	private static String named(String field, String text, java.util.Map<String, String> labels,
			org.springframework.context.MessageSource messages, java.util.Locale locale) {
		String label = field == null ? null : labels.get(field);
		if (label == null) {
			return text;
		}
		return messages.getMessage("form.fieldProblem", new Object[] {messages.getMessage(label, null, field, locale), text},
				text, locale);
	}

	/**
	 * Validation problems of a list's rows ({@code parties[1].name}) as messages for the whole form naming the
	 * row, as {@link #apply(InputRejected, BindingResult, String, String, org.springframework.context.MessageSource, java.util.Locale)}
	 * shows a row the service rejected: a form shows no field of its own beside each row.
	 */
	public static void applyRows(BindingResult result, String list, String rowMessageKey,
			org.springframework.context.MessageSource messages, java.util.Locale locale) {
		java.util.regex.Pattern row = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(list) + "\\[(\\d+)\\].*");
		for (org.springframework.validation.FieldError error : java.util.List.copyOf(result.getFieldErrors())) {
			java.util.regex.Matcher m = row.matcher(error.getField());
			if (m.matches()) {
				String text = messages.getMessage(error, locale);
				result.reject(rowMessageKey, new Object[] {Integer.parseInt(m.group(1)) + 1, text}, text);
			}
		}
	}

}
