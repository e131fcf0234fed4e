package org.grassroots.shell;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.validation.BindingResult;

/**
 * A step taken from a record's page (settle a case, approve a close-out …), done the same way on every page: refused,
 * the page answers with the reason and the status saying why — 400 for input to correct (its field named), 409 when
 * the record has moved on (a step its state no longer allows, or someone else changed it meanwhile).
 */
public final class PageSteps {

	private PageSteps() {
	}

	/**
	 * Why a step was refused, and the status the page answers with; {@code fields} has each field's own problem (field to
	 * message, unnamed: it stands beside its label) for the page to show beside it.
	 */
	public record Refusal(int status, String message, Map<String, String> fields) {

		public Refusal(int status, String message) {
			this(status, message, Map.of());
		}

	}

	/**
	 * Takes the step unless its form was invalid; returns null when it went through, otherwise the refusal (in the
	 * user's language; {@code labels} name the fields whose messages do not name them).
	 */
	public static Refusal take(BindingResult form, Runnable step, Map<String, String> labels, MessageSource messages,
			Locale locale) {
		if (form.hasErrors()) {
			Map<String, String> fields = new LinkedHashMap<>();
			form.getFieldErrors().forEach(e -> fields.putIfAbsent(e.getField(), messages.getMessage(e, locale)));
			return new Refusal(HttpServletResponse.SC_BAD_REQUEST, FormErrors.firstMessage(form, labels, messages, locale), fields);
		}
		try {
			step.run();
			return null;
		}
		catch (InputRejected rejected) {
			Map<String, String> fields = new LinkedHashMap<>();
			rejected.problems().stream().filter(p -> p.field() != null && !p.field().isEmpty())
				.forEach(p -> fields.putIfAbsent(p.field(), messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
			return new Refusal(HttpServletResponse.SC_BAD_REQUEST, FormErrors.firstMessage(rejected, labels, messages, locale), fields);
		}
		catch (StepNotAllowed notNow) {
			return new Refusal(HttpServletResponse.SC_CONFLICT, notNow.describe(messages, locale));
		}
		catch (OptimisticLockingFailureException stale) {
			return new Refusal(HttpServletResponse.SC_CONFLICT, messages.getMessage("error.conflict", null, locale));
		}
	}

}
