package org.grassroots.appeals.web;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.json.JsonMapper;

/**
 * GeoReport v2 bodies in the format the path's extension asks for: JSON, or XML written by a StAX writer, lists as
 * repeated children named in the singular (services → service). The XML is well-formed whatever the text holds:
 * characters XML 1.0 does not allow (control characters, U+FFFE, a lone surrogate) are dropped, since no escape can
 * carry them, and the writer escapes the rest.
 */
final class GeoReportDocuments {

	static final MediaType XML = new MediaType("text", "xml", StandardCharsets.UTF_8);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

	enum Format {

		JSON, XML;

		/** The format a path asks for by its extension; XML, the spec's required format, when it names none we know. */
		static Format ofPath(String path) {
			return path.endsWith(".json") ? JSON : XML;
		}

		/** The format an endpoint's {format} names, or null when it is neither. */
		static Format of(String extension) {
			return "json".equals(extension) ? JSON : "xml".equals(extension) ? XML : null;
		}

	}

	private GeoReportDocuments() {
	}

	static ResponseEntity<String> response(Format format, String root, Object body, int status, HttpHeaders headers) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status).headers(headers);
		return format == Format.JSON ? response.contentType(MediaType.APPLICATION_JSON).body(json(body))
				: response.contentType(XML).body(xml(root, body));
	}

	static String json(Object body) {
		return JSON.writeValueAsString(body);
	}

	static String xml(String root, Object body) {
		StringWriter out = new StringWriter();
		try {
			XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out);
			xml.writeStartDocument("utf-8", "1.0");
			element(xml, root, body);
			xml.writeEndDocument();
			xml.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("GeoReport document could not be written", ex);
		}
		return out.toString();
	}

	private static void element(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
		xml.writeStartElement(name);
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> e : map.entrySet()) {
				element(xml, String.valueOf(e.getKey()), e.getValue());
			}
		}
		else if (value instanceof List<?> list) {
			String item = itemName(name);
			for (Object v : list) {
				element(xml, item, v);
			}
		}
		else if (value != null) {
			text(xml, legal(value.toString()));
		}
		xml.writeEndElement();
	}

	/** A carriage return goes out as a reference: written raw, every parser would read it as a line feed. */
	private static void text(XMLStreamWriter xml, String text) throws XMLStreamException {
		int from = 0;
		for (int cr = text.indexOf('\r'); cr >= 0; cr = text.indexOf('\r', from)) {
			xml.writeCharacters(text.substring(from, cr));
			xml.writeEntityRef("#13");
			from = cr + 1;
		}
		xml.writeCharacters(text.substring(from));
	}

	private static String itemName(String list) {
		return switch (list) {
			case "services" -> "service";
			case "service_requests" -> "request";
			case "service_request_updates" -> "request_update";
			case "errors" -> "error";
			case "attributes" -> "attribute";
			case "values" -> "value";
			case "endpoints" -> "endpoint";
			case "formats" -> "format";
			default -> list.endsWith("s") ? list.substring(0, list.length() - 1) : "item";
		};
	}

	/**
	 * The text without the characters XML 1.0 forbids: it allows tab, line feed, carriage return, U+0020–U+D7FF,
	 * U+E000–U+FFFD and U+10000–U+10FFFF (a lone surrogate half is no character at all).
	 */
	static String legal(String text) {
		StringBuilder kept = null;
		int i = 0;
		while (i < text.length()) {
			int c = text.codePointAt(i);
			int width = Character.charCount(c);
			boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
					|| (c >= 0x10000 && c <= 0x10FFFF);
			if (!allowed && kept == null) {
				kept = new StringBuilder(text.length()).append(text, 0, i);
			}
			else if (allowed && kept != null) {
				kept.appendCodePoint(c);
			}
			i += width;
		}
		return kept == null ? text : kept.toString();
	}

}
