package org.grassroots.shell.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.grassroots.shell.InputRejected;
import org.grassroots.shell.StepNotAllowed;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.ModelAndView;

/**
 * API errors as RFC 9457 problem details ({@code application/problem+json}) in the caller's language:
 * rejected input as 400 with a message per field; a stale version, or a step the record's state does not
 * allow, as 409. Pages get the same message on a 409 page (a module's own page may show it on the record
 * instead, see {@link StepNotAllowed}).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemResponses {

	/** Where each problem type is named; the URIs identify the type and need not resolve. */
	static final String TYPES = "https://grassroots.example/problems/";
	static final URI INVALID_INPUT = URI.create(TYPES + "invalid-input");
	static final URI STALE_VERSION = URI.create(TYPES + "stale-version");
	static final URI STEP_NOT_ALLOWED = URI.create(TYPES + "step-not-allowed");
	static final URI TOO_MANY_ATTEMPTS = URI.create(TYPES + "too-many-attempts");

	private final MessageSource messages;

	ProblemResponses(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(InputRejected.class)
	ResponseEntity<ProblemDetail> rejected(InputRejected ex) {
		Locale locale = LocaleContextHolder.getLocale();
		List<Map<String, String>> errors = new ArrayList<>();
		ex.problems().forEach(p -> errors.add(Map.of("field", p.field(), "message",
				messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale))));
		return invalid(errors, locale);
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException ex) {
		Locale locale = LocaleContextHolder.getLocale();
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(Map.of("field", error.getField(), "message", messages.getMessage(error, locale)));
		}
		return invalid(errors, locale);
	}

	private ResponseEntity<ProblemDetail> invalid(List<Map<String, String>> errors, Locale locale) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_INPUT, "error.validation.title",
				messages.getMessage("error.validation", null, "Invalid input", locale), locale);
		problem.setProperty("errors", errors);
		return body(problem);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	Object conflict(OptimisticLockingFailureException ex, HttpServletRequest request) {
		Locale locale = LocaleContextHolder.getLocale();
		String detail = messages.getMessage("error.conflict", null, "Changed by someone else", locale);
		if (isApi(request)) {
			return body(problem(HttpStatus.CONFLICT, STALE_VERSION, "error.409.title", detail, locale));
		}
		return conflictPage(messages.getMessage("error.409.title", null, "Conflict", locale), detail);
	}

	@ExceptionHandler(StepNotAllowed.class)
	Object stepNotAllowed(StepNotAllowed ex, HttpServletRequest request) {
		Locale locale = LocaleContextHolder.getLocale();
		String detail = ex.describe(messages, locale);
		if (isApi(request)) {
			ProblemDetail problem = problem(HttpStatus.CONFLICT, STEP_NOT_ALLOWED, "error.stepNotAllowed.title", detail, locale);
			problem.setProperty("step", ex.step());
			problem.setProperty("state", ex.state());
			if (ex.kind() != null) {
				problem.setProperty("kind", ex.kind());
			}
			if (ex.id() != null) {
				problem.setProperty("id", ex.id());
			}
			return body(problem);
		}
		return conflictPage(messages.getMessage("error.stepNotAllowed.title", null, "Not possible now", locale), detail);
	}

	/** An upload that is not a multipart form, or has no file: the client's mistake, said as such (never a 500). */
	@ExceptionHandler({ org.springframework.web.multipart.MultipartException.class,
			org.springframework.web.multipart.support.MissingServletRequestPartException.class })
	Object notAnUpload(Exception ex, HttpServletRequest request) {
		Locale locale = LocaleContextHolder.getLocale();
		String detail = messages.getMessage("error.upload.notMultipart", null, "Send the file as multipart/form-data", locale);
		if (isApi(request)) {
			return body(problem(HttpStatus.BAD_REQUEST, INVALID_INPUT, "error.validation.title", detail, locale));
		}
		ModelAndView page = conflictPage(messages.getMessage("error.validation", null, "Invalid input", locale), detail);
		page.setStatus(HttpStatus.BAD_REQUEST);
		return page;
	}

	/** A per-person limit reached: 429 with when to try again (pages: the same message, status 429). */
	@ExceptionHandler(org.grassroots.shell.TooManyAttempts.class)
	Object tooMany(org.grassroots.shell.TooManyAttempts ex, HttpServletRequest request) {
		Locale locale = LocaleContextHolder.getLocale();
		String detail = messages.getMessage(ex.messageKey(), null, ex.messageKey(), locale);
		String retryAfter = String.valueOf(Math.max(1, ex.retryAfter().toSeconds()));
		if (isApi(request)) {
			ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_ATTEMPTS, "error.tooMany.title", detail, locale);
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", retryAfter)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		ModelAndView page = conflictPage(messages.getMessage("error.tooMany.title", null, "Too many attempts", locale), detail);
		page.setStatus(HttpStatus.TOO_MANY_REQUESTS);
		return page;
	}

	@ExceptionHandler(AccessDeniedException.class)
	Object denied(AccessDeniedException ex, HttpServletRequest request) {
		String detail = messages.getMessage("error.forbidden", null, "Forbidden", LocaleContextHolder.getLocale());
		if (isApi(request)) {
			return body(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail));
		}
		ModelAndView page = new ModelAndView("error/403");
		page.setStatus(HttpStatus.FORBIDDEN);
		return page;
	}

	private ProblemDetail problem(HttpStatus status, URI type, String titleKey, String detail, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(messages.getMessage(titleKey, null, status.getReasonPhrase(), locale));
		return problem;
	}

	/** Named as problem+json whatever the client accepts, so a client can tell a problem from a record. */
	private static ResponseEntity<ProblemDetail> body(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static ModelAndView conflictPage(String title, String detail) {
		ModelAndView page = new ModelAndView("error/409");
		page.setStatus(HttpStatus.CONFLICT);
		page.addObject("problemTitle", title);
		page.addObject("detail", detail);
		return page;
	}

	private static boolean isApi(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

}
