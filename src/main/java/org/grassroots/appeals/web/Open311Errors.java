package org.grassroots.appeals.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.appeals.internal.Open311Gateway.Open311Error;
import org.grassroots.appeals.web.GeoReportDocuments.Format;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure under /open311/v2 — an unknown path, a wrong method, a bad argument, our own fault — answered in the
 * GeoReport error format (a list of code and description) of the extension the path asks for, with its HTTP status.
 * It runs before the application's problem-detail handlers and leaves every other path to them.
 */
@Component
class Open311Errors implements HandlerExceptionResolver, Ordered {

	private static final Logger log = LoggerFactory.getLogger(Open311Errors.class);

	private static final String ROOT = "/open311/v2";

	private final MessageSource messages;

	Open311Errors(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public int getOrder() {
		// after DefaultErrorAttributes, which only notes the exception; before the handlers of the rest of the API
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!(path.equals(ROOT) || path.startsWith(ROOT + "/")) || response.isCommitted()) {
			return null;
		}
		if (org.grassroots.shell.MalformedRequests.isMalformed(ex) || org.grassroots.shell.DatabaseFailures.isTransient(ex)) {
			// a request the container cannot read, or the database not answering: the shell's filter answers both, for
			// every path alike and in this path's GeoReport format (one writer, one log line)
			return null;
		}
		int status;
		String description;
		HttpHeaders headers = new HttpHeaders();
		if (ex instanceof Open311Error error) {
			status = error.status();
			description = text(error.messageKey(), error.args());
		}
		else if (ex instanceof NoResourceFoundException) {
			status = 404;
			description = text("open311.error.path", path);
		}
		else if (ex instanceof HttpRequestMethodNotSupportedException method) {
			status = 405;
			headers.setAllow(method.getSupportedHttpMethods() == null ? java.util.Set.of() : method.getSupportedHttpMethods());
			description = text("open311.error.method", method.getMethod(),
					method.getSupportedMethods() == null ? "" : String.join(", ", method.getSupportedMethods()));
		}
		else if (ex instanceof org.grassroots.shell.StepNotAllowed notNow) {
			// e.g. a comment on a request merged into another: the request has moved on
			status = 409;
			description = notNow.describe(messages, org.springframework.context.i18n.LocaleContextHolder.getLocale());
		}
		else if (ex instanceof org.springframework.dao.OptimisticLockingFailureException) {
			status = 409;
			description = text("open311.error.request");
		}
		else if (ex instanceof AccessDeniedException) {
			status = 403;
			description = text("open311.error.forbidden");
		}
		else if (ex instanceof ErrorResponse spring && spring.getStatusCode().is4xxClientError()) {
			status = spring.getStatusCode().value();
			description = text("open311.error.request");
		}
		else {
			log.error("Open311 request {} {} failed", request.getMethod(), path, ex);
			status = 500;
			description = text("open311.error.server");
		}
		ResponseEntity<String> body = GeoReportDocuments.response(Format.ofPath(path), "errors",
				List.of(error(status, description)), status, headers);
		try {
			response.setStatus(status);
			body.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
			response.setCharacterEncoding("UTF-8");
			response.getWriter().write(body.getBody());
			response.flushBuffer();
		}
		catch (IOException gone) {
			log.debug("Open311 error could not be written: {}", gone.getMessage());
		}
		return new ModelAndView();
	}

	/** code before description, as GeoReport's examples write them. */
	static Map<String, Object> error(int status, String description) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", status);
		error.put("description", description);
		return error;
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

}
