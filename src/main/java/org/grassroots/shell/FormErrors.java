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
		InputRejected.FieldProblem problem = rejected.problems().get(0);
		return messages.getMessage(problem.messageKey(), problem.args(), problem.messageKey(), locale);
	}

}
