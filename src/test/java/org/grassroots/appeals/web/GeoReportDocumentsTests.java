package org.grassroots.appeals.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class GeoReportDocumentsTests {

	@Test
	void text_xml_cannot_carry_is_dropped_and_the_rest_escaped_so_the_document_always_parses() throws Exception {
		String description = "路灯\u0001坏了\uFFFE <b>&amp;</b> \"引号\" \u0007\uD800 😀\tend";
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("service_request_id", "ABC");
		request.put("description", description);
		request.put("status_notes", null);
		String xml = GeoReportDocuments.xml("service_requests", List.of(request, Map.of("service_request_id", "DEF")));
		Document doc = parse(xml);
		var xpath = XPathFactory.newInstance().newXPath();
		assertThat(xpath.evaluate("count(/service_requests/request)", doc)).isEqualTo("2");
		assertThat(xpath.evaluate("/service_requests/request[1]/description", doc))
			.isEqualTo("路灯坏了 <b>&amp;</b> \"引号\"  😀\tend");
		assertThat(xpath.evaluate("/service_requests/request[2]/service_request_id", doc)).isEqualTo("DEF");
		assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
	}

	@Test
	void a_carriage_return_survives_the_parser_and_lists_are_named_in_the_singular() throws Exception {
		Document doc = parse(GeoReportDocuments.xml("service_request_updates",
				List.of(Map.of("update_id", "1", "description", "第一行\r\n第二行"))));
		var xpath = XPathFactory.newInstance().newXPath();
		assertThat(xpath.evaluate("/service_request_updates/request_update/description", doc)).isEqualTo("第一行\r\n第二行");
		assertThat(GeoReportDocuments.legal("plain")).isSameAs("plain");
	}

	static Document parse(String xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
	}

}
