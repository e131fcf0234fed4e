package org.grassroots.shell.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.grassroots.shell.InputRejected;
import org.grassroots.shell.ServiceBusy;
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
	static final URI BUSY = URI.create(TYPES + "busy");
	static final URI TOO_MANY_ATTEMPTS = URI.create(TYPES + "too-many-attempts");
	static final URI NOT_FOUND = URI.create(TYPES + "not-found");
	static final URI FORBIDDEN = URI.create(TYPES + "forbidden");
	static final URI REQUEST = URI.create(TYPES + "request");
	static final URI SERVER = URI.create(TYPES + "server");

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProblemResponses.class);

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

	/** Pages (a browser's form, e.g. the QR page's) get an HTML error page, never problem+json. */
	@ExceptionHandler(MethodArgumentNotValidException.class)
	Object invalid(MethodArgumentNotValidException ex, HttpServletRequest request) {
		if (!isApi(request)) {
			return page(HttpStatus.BAD_REQUEST);
		}
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

	/** The server is doing as much of something expensive as it may: 503 with when to come back (never 500). */
	@ExceptionHandler(ServiceBusy.class)
	Object busy(ServiceBusy ex, HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
		Locale locale = LocaleContextHolder.getLocale();
		String retryAfter = Integer.toString(ex.retryAfterSeconds());
		String detail = messages.getMessage("error.busy", new Object[] {ex.retryAfterSeconds()}, "Busy; try again shortly", locale);
		if (isApi(request)) {
			ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, BUSY, "error.busy.title", detail, locale);
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", retryAfter)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		response.setHeader("Retry-After", retryAfter);
		ModelAndView page = conflictPage(messages.getMessage("error.busy.title", null, "Busy", locale), detail);
		page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
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
		Locale locale = LocaleContextHolder.getLocale();
		String detail = messages.getMessage("error.forbidden", null, "Forbidden", locale);
		if (isApi(request)) {
			return body(problem(HttpStatus.FORBIDDEN, FORBIDDEN, "error.403.title", detail, locale));
		}
		ModelAndView page = new ModelAndView("error/403");
		page.setStatus(HttpStatus.FORBIDDEN);
		return page;
	}

	/**
	 * A body that is not JSON, or a field of the wrong type or an unknown value: 400 naming the field (Jackson's path,
	 * e.g. {@code members[2].joinedOn}) and what it should have been, in the caller's language.
	 */
	@ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
	Object unreadable(org.springframework.http.converter.HttpMessageNotReadableException ex, HttpServletRequest request) throws Exception {
		if (!isApi(request)) {
			return page(HttpStatus.BAD_REQUEST);
		}
		Locale locale = LocaleContextHolder.getLocale();
		log.debug("Unreadable request body on {}: {}", request.getRequestURI(), ex.getMessage());
		Throwable cause = ex.getCause();
		if (cause instanceof tools.jackson.core.JacksonException jackson && !jackson.getPath().isEmpty()) {
			String field = path(jackson.getPath());
			Class<?> target = cause instanceof tools.jackson.databind.exc.MismatchedInputException mismatch ? mismatch.getTargetType() : null;
			String message = messages.getMessage("error.json.field", new Object[] {expected(target, locale)}, "Expected {0}", locale);
			return invalid(List.of(Map.of("field", field, "message", message)), locale);
		}
		String message = messages.getMessage("error.json.unreadable", null, "The request body is not valid JSON", locale);
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_INPUT, "error.validation.title", message, locale);
		problem.setProperty("errors", List.of(Map.of("field", "body", "message", message)));
		return body(problem);
	}

	/** A path variable or parameter that does not convert (a hex or negative id, a malformed date, an unknown value): 400 naming it. */
	@ExceptionHandler(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
	Object mismatch(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException ex, HttpServletRequest request) throws Exception {
		if (!isApi(request)) {
			return page(HttpStatus.BAD_REQUEST);
		}
		Locale locale = LocaleContextHolder.getLocale();
		String message = messages.getMessage("error.json.field", new Object[] {expected(ex.getRequiredType(), locale)}, "Expected {0}", locale);
		return invalid(List.of(Map.of("field", ex.getName(), "message", message)), locale);
	}

	/** A required parameter or part left out: 400 naming it. */
	@ExceptionHandler({ org.springframework.web.bind.MissingServletRequestParameterException.class,
			org.springframework.web.bind.MissingPathVariableException.class,
			org.springframework.web.bind.MissingRequestHeaderException.class })
	Object missing(org.springframework.web.bind.ServletRequestBindingException ex, HttpServletRequest request) throws Exception {
		if (!isApi(request)) {
			return page(HttpStatus.BAD_REQUEST);
		}
		Locale locale = LocaleContextHolder.getLocale();
		String name = ex instanceof org.springframework.web.bind.MissingServletRequestParameterException p ? p.getParameterName()
				: ex instanceof org.springframework.web.bind.MissingPathVariableException v ? v.getVariableName()
				: ((org.springframework.web.bind.MissingRequestHeaderException) ex).getHeaderName();
		String message = messages.getMessage("validation.required", null, "Required", locale);
		return invalid(List.of(Map.of("field", name, "message", message)), locale);
	}

	/**
	 * A record that does not exist (an empty lookup's orElseThrow): 404 (pages: the 404 page). One outside the caller's
	 * scope (access's OutOfScopeException, marked 404) is answered the same by {@link #other}.
	 */
	@ExceptionHandler(java.util.NoSuchElementException.class)
	Object notFound(RuntimeException ex, HttpServletRequest request) {
		Locale locale = LocaleContextHolder.getLocale();
		if (isApi(request)) {
			String detail = messages.getMessage("error.404.text", null, "Not found", locale);
			return body(problem(HttpStatus.NOT_FOUND, NOT_FOUND, "error.404.title", detail, locale));
		}
		ModelAndView page = new ModelAndView("error/404");
		page.setStatus(HttpStatus.NOT_FOUND);
		return page;
	}

	/**
	 * Whatever else Spring MVC refuses (an unknown path, a wrong method or media type) or an exception marked with a
	 * status: the same contract, titled in the caller's language. Pages keep Spring's error pages.
	 */
	@ExceptionHandler(Exception.class)
	Object other(Exception ex, HttpServletRequest request) throws Exception {
		if (ex instanceof org.springframework.security.core.AuthenticationException
				|| org.grassroots.shell.DatabaseFailures.isTransient(ex) || org.grassroots.shell.MalformedRequests.isMalformed(ex)) {
			// sign-in is the security filters' to answer; a database not answering (503, Retry-After) and a request the
			// container cannot read (400), DatabaseOutage's, wherever they are met
			throw ex;
		}
		HttpStatus status;
		org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
		if (ex instanceof org.springframework.web.ErrorResponse spring) {
			status = HttpStatus.valueOf(spring.getStatusCode().value());
			headers.addAll(spring.getHeaders());
		}
		else {
			org.springframework.web.bind.annotation.ResponseStatus marked = org.springframework.core.annotation.AnnotatedElementUtils
				.findMergedAnnotation(ex.getClass(), org.springframework.web.bind.annotation.ResponseStatus.class);
			status = marked != null ? marked.code() : HttpStatus.INTERNAL_SERVER_ERROR;
		}
		if (!isApi(request)) {
			if (status.is5xxServerError()) {
				throw ex;
			}
			return page(status);
		}
		Locale locale = LocaleContextHolder.getLocale();
		if (status.is5xxServerError()) {
			log.error("{} {} failed", request.getMethod(), request.getRequestURI(), ex);
		}
		else {
			log.debug("{} {} refused: {}", request.getMethod(), request.getRequestURI(), ex.toString());
		}
		String key = "error." + status.value();
		String detail = messages.getMessage(key + ".text", null, null, locale);
		if (detail == null) {
			detail = messages.getMessage(status.is5xxServerError() ? "error.text" : "error.request", null, status.getReasonPhrase(), locale);
		}
		String titleKey = messages.getMessage(key + ".title", null, null, locale) != null ? key + ".title"
				: status.is5xxServerError() ? "error.title" : "error.request.title";
		ProblemDetail problem = problem(status, status.is5xxServerError() ? SERVER : status == HttpStatus.NOT_FOUND ? NOT_FOUND : REQUEST,
				titleKey, detail, locale);
		return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static String path(List<tools.jackson.core.JacksonException.Reference> references) {
		StringBuilder field = new StringBuilder();
		for (var reference : references) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.isEmpty() ? "body" : field.toString();
	}

	/** What a value of the type looks like, in the caller's language (the values of an enum listed). */
	private String expected(Class<?> type, Locale locale) {
		String kind;
		if (type == null) {
			kind = "value";
		}
		else if (type.isEnum()) {
			String values = String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList());
			return messages.getMessage("error.json.expected.enum", new Object[] {values}, values, locale);
		}
		else if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
			kind = "integer";
		}
		else if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
			kind = "number";
		}
		else if (type == Boolean.class || type == boolean.class) {
			kind = "boolean";
		}
		else if (type == java.time.LocalDate.class) {
			kind = "date";
		}
		else if (type == java.time.YearMonth.class) {
			kind = "month";
		}
		else if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
			kind = "instant";
		}
		else if (type == org.grassroots.shell.Keyset.class) {
			kind = "position";
		}
		else if (type == String.class) {
			kind = "text";
		}
		else if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
			kind = "list";
		}
		else {
			kind = "object";
		}
		return messages.getMessage("error.json.expected." + kind, null, kind, locale);
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

	/** The HTML error page for a client error, in the county's language (404 and 403 have their own). */
	private static ModelAndView page(HttpStatus status) {
		String view = status == HttpStatus.NOT_FOUND ? "error/404" : status == HttpStatus.FORBIDDEN ? "error/403" : "error";
		ModelAndView page = new ModelAndView(view);
		page.setStatus(status);
		page.addObject("status", status.value());
		return page;
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
