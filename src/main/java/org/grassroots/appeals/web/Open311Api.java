package org.grassroots.appeals.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.grassroots.appeals.internal.Open311Gateway;
import org.grassroots.appeals.internal.Open311Gateway.Found;
import org.grassroots.appeals.internal.Open311Gateway.Open311Error;
import org.grassroots.appeals.web.GeoReportDocuments.Format;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.ForwardedHeaderUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Open311 GeoReport v2 at /open311/v2, in JSON or XML as the path's extension asks, with mySociety's
 * servicerequestupdates extension; errors anywhere under /open311/v2 go out in the spec's format
 * ({@link Open311Errors}).
 */
@RestController
@RequestMapping("/open311/v2")
@Tag(name = "Open311", description = "GeoReport v2: service codes are appeal categories")
class Open311Api {

	static final String CHANGESET = "2026-12-04T00:00:00+08:00";

	private final Open311Gateway gateway;
	private final MessageSource messages;

	Open311Api(Open311Gateway gateway, MessageSource messages) {
		this.gateway = gateway;
		this.messages = messages;
	}

	/** Behind a reverse proxy the endpoint is advertised at the address clients reach it by (X-Forwarded-*, Forwarded). */
	@GetMapping("/discovery.{format}")
	@Operation(summary = "Discovery document")
	ResponseEntity<String> discovery(@PathVariable String format, HttpServletRequest request) {
		String base = external(request).replacePath(pathPrefix(request) + "/open311/v2/").replaceQuery(null).build(true).toUriString();
		Map<String, Object> endpoint = new LinkedHashMap<>();
		endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
		endpoint.put("url", base);
		endpoint.put("changeset", CHANGESET);
		endpoint.put("type", "production");
		endpoint.put("formats", List.of("text/xml", "application/json"));
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("changeset", CHANGESET);
		doc.put("contact", text("open311.discovery.contact"));
		doc.put("key_service", text("open311.discovery.keyService"));
		doc.put("limits", text("open311.discovery.limits", Open311Gateway.PAGE_SIZE_MAX, Open311Gateway.SPAN_MAX.toDays()));
		doc.put("endpoints", List.of(endpoint));
		return render(format, "discovery", doc);
	}

	@GetMapping("/services.{format}")
	ResponseEntity<String> services(@PathVariable String format) {
		return render(format, "services", gateway.services());
	}

	@GetMapping("/services/{code}.{format}")
	ResponseEntity<String> definition(@PathVariable String code, @PathVariable String format) {
		Format f = format(format);
		return GeoReportDocuments.response(f, "service_definition", gateway.definition(code), 200, new HttpHeaders());
	}

	@PostMapping("/requests.{format}")
	@Operation(summary = "Create a request (api_key, service_code, description, media_url, attribute[region_code] or lat/long "
			+ "or address_string/address_id, …); with an Idempotency-Key header or attribute[idempotency_key] a retry answers "
			+ "the first answer (Idempotent-Replayed: true), the same key with other fields 422")
	ResponseEntity<String> post(@PathVariable String format, HttpServletRequest request) {
		// the format first, like every other field: nothing is stored for a request that cannot be answered
		Format f = format(format);
		Open311Gateway.Posted posted = gateway.post(parameters(request), request.getHeader("Idempotency-Key"));
		HttpHeaders headers = new HttpHeaders();
		if (posted.replayed()) {
			headers.set("Idempotent-Replayed", "true");
		}
		return GeoReportDocuments.response(f, "service_requests", List.of(posted.answer()), 201, headers);
	}

	@GetMapping("/requests.{format}")
	@Operation(summary = "Requests by service_request_id, or by service_code, status, start_date/end_date (page, page_size)")
	ResponseEntity<String> requests(@PathVariable String format, HttpServletRequest request) {
		Format f = format(format);
		return page(f, "service_requests", gateway.requests(parameters(request)), request);
	}

	@GetMapping("/requests/{id}.{format}")
	ResponseEntity<String> request(@PathVariable String id, @PathVariable String format, HttpServletRequest request) {
		Format f = format(format);
		Found found = gateway.requests(byId(id, request));
		if (found.items().isEmpty()) {
			throw new Open311Error(404, "open311.error.request.unknown", id);
		}
		return GeoReportDocuments.response(f, "service_requests", found.items(), 200, new HttpHeaders());
	}

	@GetMapping("/tokens/{token}.{format}")
	ResponseEntity<String> token(@PathVariable String token, @PathVariable String format, HttpServletRequest request) {
		Format f = format(format);
		// requests are created at once, so the token is the request id itself
		Found found = gateway.requests(byId(token, request));
		if (found.items().isEmpty()) {
			throw new Open311Error(404, "open311.error.token.unknown", token);
		}
		return GeoReportDocuments.response(f, "service_requests",
				List.of(tokenAnswer(found.items().get(0).get("service_request_id"), token)), 200,
				new HttpHeaders());
	}

	@GetMapping("/servicerequestupdates.{format}")
	@Operation(summary = "mySociety's extension: public status changes and comments within start_date/end_date (page, page_size)")
	ResponseEntity<String> updates(@PathVariable String format, HttpServletRequest request) {
		Format f = format(format);
		return page(f, "service_request_updates", gateway.updates(parameters(request)), request);
	}

	@PostMapping("/servicerequestupdates.{format}")
	@Operation(summary = "mySociety's extension: a comment on a request (api_key, service_request_id, description, "
			+ "updated_datetime, status, media_url)")
	ResponseEntity<String> comment(@PathVariable String format, HttpServletRequest request) {
		Format f = format(format);
		return GeoReportDocuments.response(f, "service_request_updates", List.of(gateway.postUpdate(parameters(request))), 201,
				new HttpHeaders());
	}

	/** One request by its id, seen as the caller's key (if any) lets it: the caller's own in full, a public one redacted. */
	private static Map<String, String> byId(String id, HttpServletRequest request) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("service_request_id", id);
		String key = request.getParameter("api_key");
		if (key != null) {
			params.put("api_key", key);
		}
		return params;
	}

	private ResponseEntity<String> render(String format, String root, Object body) {
		return GeoReportDocuments.response(format(format), root, body, 200, new HttpHeaders());
	}

	/** A full page says where the next one is (Link: rel="next"), as the paging extension's clients look for. */
	private static ResponseEntity<String> page(Format format, String root, Found found, HttpServletRequest request) {
		HttpHeaders headers = new HttpHeaders();
		if (found.more()) {
			String page = request.getParameter("page");
			int next = (page == null || page.isBlank() ? 1 : Integer.parseInt(page.strip())) + 1;
			StringBuilder query = new StringBuilder();
			request.getParameterMap().forEach((name, values) -> {
				if (!name.equals("page")) {
					for (String value : values) {
						query.append(encode(name)).append('=').append(encode(value)).append('&');
					}
				}
			});
			query.append("page=").append(next);
			String url = external(request).replacePath(pathPrefix(request) + pathWithinApplication(request))
				.replaceQuery(query.toString()).build(true).toUriString();
			headers.add(HttpHeaders.LINK, "<" + url + ">; rel=\"next\"");
		}
		return GeoReportDocuments.response(format, root, found.items(), 200, headers);
	}

	/** Every reserved character encoded: a '+' left as it is would come back as a space. */
	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static Format format(String extension) {
		Format format = Format.of(extension);
		if (format == null) {
			throw new Open311Error(400, "open311.error.format", extension);
		}
		return format;
	}

	/** The first value of every parameter, from the query string and a form-encoded or multipart body. */
	private static Map<String, String> parameters(HttpServletRequest request) {
		Map<String, String> params = new LinkedHashMap<>();
		request.getParameterMap().forEach((k, v) -> params.put(k, v.length > 0 ? v[0] : null));
		return params;
	}

	/**
	 * The request's address as the client sent it: scheme, host and port from Forwarded or X-Forwarded-Proto/Host/Port
	 * when a proxy set them. Read here only, for the addresses this API gives out: the application does not take
	 * the client's address from X-Forwarded-For, which anyone can send.
	 */
	private static UriComponentsBuilder external(HttpServletRequest request) {
		ServletServerHttpRequest http = new ServletServerHttpRequest(request);
		try {
			UriComponentsBuilder adapted = ForwardedHeaderUtils.adaptFromForwardedHeaders(http.getURI(), http.getHeaders());
			adapted.build(true);
			return adapted;
		}
		catch (IllegalArgumentException malformed) {
			return ServletUriComponentsBuilder.fromRequest(request);
		}
	}

	/** X-Forwarded-Prefix (the path the proxy serves us under) in place of the context path, as ForwardedHeaderFilter does. */
	private static String pathPrefix(HttpServletRequest request) {
		String prefix = request.getHeader("X-Forwarded-Prefix");
		if (prefix != null) {
			prefix = prefix.split(",")[0].strip();
			while (prefix.endsWith("/")) {
				prefix = prefix.substring(0, prefix.length() - 1);
			}
			if (prefix.isEmpty() || prefix.matches("/[A-Za-z0-9._~/-]*")) {
				return prefix;
			}
		}
		return request.getContextPath();
	}

	private static String pathWithinApplication(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

	/** service_request_id before token, as GeoReport's examples write them. */
	private static Map<String, Object> tokenAnswer(Object requestId, String token) {
		Map<String, Object> answer = new java.util.LinkedHashMap<>();
		answer.put("service_request_id", requestId);
		answer.put("token", token);
		return answer;
	}

}
