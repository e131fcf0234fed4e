package org.grassroots.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.shell.DatabaseFailures;
import org.grassroots.shell.MalformedRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * A database that stops answering (a restart, a network blip, no connection free) is the server's passing trouble,
 * not the client's fault nor a crash: every request that runs into it — in a page, the API, Open311, or before them
 * in the session and token filters — is answered 503 with {@code Retry-After}, as a problem detail for the API, in the
 * GeoReport error format for Open311 (see appeals' Open311Errors) and as a short page for people; it is logged as one
 * line, without a stack trace. The health check gives the database one second and says DOWN after it, instead of
 * waiting out the connection pool's timeout.
 * <p>
 * The same filter answers a request the container cannot read ({@link MalformedRequests}: broken percent-encoding, a
 * multipart body without its boundary or cut short) with a 400 in the same three forms, logged at DEBUG: the container
 * would otherwise log each at ERROR with a stack trace, and try its error page, which reads the parameters again.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseOutage {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

	@Bean
	FilterRegistrationBean<RequestTrouble> databaseOutageFilter(MessageSource messages) {
		FilterRegistrationBean<RequestTrouble> registration = new FilterRegistrationBean<>(new RequestTrouble(messages));
		// right after the start-up gate, before the session repository and security filters, which read the database
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/** Named so that it stands in for Spring Boot's own "db" check. */
	@Bean
	HealthIndicator dbHealthIndicator(DataSource dataSource,
			@Value("${grassroots.health.db-timeout:1s}") java.time.Duration timeout) {
		return new BoundedDatabaseCheck(dataSource, timeout);
	}

	static final class RequestTrouble extends OncePerRequestFilter {

		private final MessageSource messages;

		RequestTrouble(MessageSource messages) {
			this.messages = messages;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			try {
				chain.doFilter(request, response);
			}
			catch (ServletException | IOException | RuntimeException failure) {
				if (response.isCommitted()) {
					throw failure;
				}
				if (DatabaseFailures.isTransient(failure)) {
					log.warn("Database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(),
							MalformedRequests.rootMessage(failure));
					Locale locale = locale(request);
					response.resetBuffer();
					response.setHeader("Retry-After", Integer.toString(DatabaseFailures.RETRY_AFTER_SECONDS));
					write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "database-unavailable",
							messages.getMessage("error.database.title", null, "Service unavailable", locale),
							messages.getMessage("error.database", new Object[] {DatabaseFailures.RETRY_AFTER_SECONDS},
									"The database is not answering; try again shortly", locale),
							messages.getMessage("error.database.retry", null, "Try again", locale));
				}
				else if (MalformedRequests.isMalformed(failure)) {
					log.debug("Malformed request {} {}: {}", request.getMethod(), request.getRequestURI(),
							MalformedRequests.rootMessage(failure));
					Locale locale = locale(request);
					response.resetBuffer();
					write(request, response, HttpServletResponse.SC_BAD_REQUEST, "request",
							messages.getMessage("error.request.title", null, "Bad request", locale),
							messages.getMessage("error.request", null, "The request could not be processed", locale),
							messages.getMessage("error.request.back", null, "Back", locale));
				}
				else {
					throw failure;
				}
			}
		}

		private void write(HttpServletRequest request, HttpServletResponse response, int status, String type, String title,
				String detail, String again) throws IOException {
			response.setStatus(status);
			response.setHeader("Cache-Control", "no-store");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Locale locale = locale(request);
			String path = request.getRequestURI().substring(request.getContextPath().length());
			if (path.startsWith("/open311/")) {
				boolean xml = path.endsWith(".xml");
				response.setContentType(xml ? "application/xml" : "application/json");
				response.getWriter().write(xml
						? "<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>" + status + "</code><description>"
								+ HtmlUtils.htmlEscape(detail) + "</description></error></errors>"
						: "[{\"code\":" + status + ",\"description\":\"" + json(detail) + "\"}]");
			}
			else if (path.startsWith("/api/")) {
				response.setContentType("application/problem+json");
				response.getWriter().write("{\"type\":\"" + ProblemResponses.TYPES + type + "\",\"title\":\""
						+ json(title) + "\",\"status\":" + status + ",\"detail\":\"" + json(detail) + "\",\"instance\":\"" + json(path) + "\"}");
			}
			else {
				response.setContentType("text/html");
				response.getWriter().write("""
						<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8">
						<meta name="viewport" content="width=device-width, initial-scale=1"><title>%s</title></head>
						<body style="font-family:sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;line-height:1.6">
						<h1 style="font-size:1.25rem">%s</h1><p>%s</p>
						<p><a href="%s">%s</a></p></body></html>
						""".formatted(locale.toLanguageTag(), HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(title),
						HtmlUtils.htmlEscape(detail), status == 503 ? "javascript:location.reload()" : "javascript:history.back()",
						HtmlUtils.htmlEscape(again)));
			}
			response.flushBuffer();
		}

		/** The language asked for (English only when asked first), else the county's. */
		private static Locale locale(HttpServletRequest request) {
			String header = request.getHeader("Accept-Language");
			return header != null && header.strip().toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH
					: Locale.SIMPLIFIED_CHINESE;
		}

		private static String json(String text) {
			return text.replace("\\", "\\\\").replace("\"", "\\\"");
		}


	}

	/** The database asked for a valid connection on a thread of its own, given a bounded time to answer. */
	static final class BoundedDatabaseCheck implements HealthIndicator {

		private final DataSource dataSource;
		private final java.time.Duration timeout;
		/** At most two checks at once; a third while they hang is answered DOWN at once. */
		private final ThreadPoolExecutor checks = new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				runnable -> {
					Thread thread = new Thread(runnable, "db-health");
					thread.setDaemon(true);
					return thread;
				});

		BoundedDatabaseCheck(DataSource dataSource, java.time.Duration timeout) {
			this.dataSource = dataSource;
			this.timeout = timeout;
		}

		@Override
		public Health health() {
			Future<Boolean> valid;
			try {
				valid = checks.submit(() -> {
					try (Connection connection = dataSource.getConnection()) {
						return connection.isValid((int) Math.max(1, timeout.toSeconds()));
					}
				});
			}
			catch (RejectedExecutionException stillWaiting) {
				return Health.down().withDetail("reason", "earlier checks are still waiting for the database").build();
			}
			try {
				return valid.get(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Health.up().build()
						: Health.down().withDetail("reason", "connection not valid").build();
			}
			catch (TimeoutException slow) {
				valid.cancel(true);
				return Health.down().withDetail("reason", "no answer within " + timeout.toMillis() + " ms").build();
			}
			catch (java.util.concurrent.ExecutionException failed) {
				return Health.down().withDetail("reason", String.valueOf(failed.getCause())).build();
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				return Health.down().build();
			}
		}

	}

}
