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

}
