package org.grassroots.appeals.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.grassroots.appeals.internal.Open311Gateway;
import org.grassroots.appeals.internal.Open311Gateway.Open311Error;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import tools.jackson.databind.json.JsonMapper;

/** Open311 GeoReport v2 at /open311/v2, in JSON or XML as the path's extension asks. */
@RestController
@RequestMapping("/open311/v2")
@Tag(name = "Open311", description = "GeoReport v2: service codes are appeal categories")
class Open311Api {

	private final Open311Gateway gateway;
	private final JsonMapper json = JsonMapper.builder().build();

	Open311Api(Open311Gateway gateway) {
		this.gateway = gateway;
	}

	@GetMapping("/discovery.{format}")
	@Operation(summary = "Discovery document")
	ResponseEntity<String> discovery(@PathVariable String format) {
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/open311/v2/").build().toUriString();
		Map<String, Object> endpoint = Map.of("specification", "http://wiki.open311.org/GeoReport_v2", "url", base,
				"changeset", "2026-11-23T00:00:00+08:00", "type", "production", "formats", List.of("application/json", "text/xml"));
		Map<String, Object> doc = new java.util.LinkedHashMap<>();
		doc.put("changeset", "2026-11-23T00:00:00+08:00");
		doc.put("contact", "县接诉即办指挥中心");
		doc.put("key_service", "API keys are issued by the county's administrators");
		doc.put("endpoints", List.of(endpoint));
		return render(format, "discovery", doc);
	}

	@GetMapping("/services.{format}")
	ResponseEntity<String> services(@PathVariable String format) {
		return render(format, "services", gateway.services());
	}

	@GetMapping("/services/{code}.{format}")
	ResponseEntity<String> definition(@PathVariable String code, @PathVariable String format) {
		return render(format, "service_definition", gateway.definition(code));
	}

	@PostMapping("/requests.{format}")
	@Operation(summary = "Create a request (api_key, service_code, description, attribute[region_code] or lat/long, …)")
	ResponseEntity<String> post(@PathVariable String format, HttpServletRequest request) {
		Map<String, String> params = new java.util.LinkedHashMap<>();
		request.getParameterMap().forEach((k, v) -> params.put(k, v.length > 0 ? v[0] : null));
		return render(format, "service_requests", List.of(gateway.post(params)), 201);
	}

	@GetMapping("/requests.{format}")
	ResponseEntity<String> requests(@PathVariable String format, @RequestParam(name = "service_request_id", required = false) String ids,
			@RequestParam(name = "service_code", required = false) String code,
			@RequestParam(name = "start_date", required = false) String start,
			@RequestParam(name = "end_date", required = false) String end,
			@RequestParam(required = false) String status) {
		return render(format, "service_requests", gateway.requests(ids, code, date(start), date(end), status));
	}

	@GetMapping("/requests/{id}.{format}")
	ResponseEntity<String> request(@PathVariable String id, @PathVariable String format) {
		var found = gateway.requests(id, null, null, null, null);
		if (found.isEmpty()) {
			throw new Open311Error(404, "service_request_id not found: " + id);
		}
		return render(format, "service_requests", found);
	}

	@GetMapping("/tokens/{token}.{format}")
	ResponseEntity<String> token(@PathVariable String token, @PathVariable String format) {
		// requests are created at once, so the token is the request id itself
		var found = gateway.requests(token, null, null, null, null);
		if (found.isEmpty()) {
			throw new Open311Error(404, "token not found: " + token);
		}
		return render(format, "service_requests", List.of(Map.of("service_request_id", found.get(0).get("service_request_id"),
				"token", token)));
	}

	@ExceptionHandler(Open311Error.class)
	ResponseEntity<String> error(Open311Error error, HttpServletRequest request) {
		String format = request.getRequestURI().endsWith(".xml") ? "xml" : "json";
		return render(format, "errors", List.of(Map.of("code", error.status(), "description", error.getMessage())), error.status());
	}

	private static LocalDate date(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return value.length() > 10 ? java.time.OffsetDateTime.parse(value).toLocalDate() : LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new Open311Error(400, "dates must be ISO 8601: " + value);
		}
	}

	private ResponseEntity<String> render(String format, String root, Object body) {
		return render(format, root, body, 200);
	}

	private ResponseEntity<String> render(String format, String root, Object body, int status) {
		if ("json".equals(format)) {
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
		}
		if ("xml".equals(format)) {
			StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
			element(xml, root, body);
			return ResponseEntity.status(status).contentType(new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8))
				.body(xml.toString());
		}
		return ResponseEntity.status(400).contentType(MediaType.APPLICATION_JSON)
			.body(json.writeValueAsString(List.of(Map.of("code", 400, "description", "format must be json or xml"))));
	}

	/** Lists become repeated children named in the singular: services → service, attributes → attribute. */
	@SuppressWarnings("unchecked")
	private static void element(StringBuilder xml, String name, Object value) {
		xml.append('<').append(name).append('>');
		if (value instanceof Map<?, ?> map) {
			((Map<String, Object>) map).forEach((k, v) -> element(xml, k, v));
		}
		else if (value instanceof List<?> list) {
			String item = switch (name) {
				case "services" -> "service";
				case "service_requests" -> "request";
				case "errors" -> "error";
				case "attributes" -> "attribute";
				case "values" -> "value";
				case "endpoints" -> "endpoint";
				case "formats" -> "format";
				default -> name.endsWith("s") ? name.substring(0, name.length() - 1) : "item";
			};
			list.forEach(v -> element(xml, item, v));
		}
		else if (value != null) {
			xml.append(value.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
		}
		xml.append("</").append(name).append('>');
	}

}
