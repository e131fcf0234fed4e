package org.grassroots.shell;

import java.util.List;

/**
 * Input that breaks a rule the form could not check by itself (a taken username, an ID number
 * already registered, a region out of scope). Pages show each problem beside its field; the API
 * answers 400 with the same list.
 */
public class InputRejected extends RuntimeException {

	private final List<FieldProblem> problems;

	public InputRejected(String field, String messageKey, Object... args) {
		this(List.of(new FieldProblem(field, messageKey, args)));
	}

	public InputRejected(List<FieldProblem> problems) {
		super(problems.toString());
		this.problems = List.copyOf(problems);
	}

	public List<FieldProblem> problems() {
		return problems;
	}

	public record FieldProblem(String field, String messageKey, Object[] args) {

		@Override
		public String toString() {
			return field + ": " + messageKey;
		}

	}

}
