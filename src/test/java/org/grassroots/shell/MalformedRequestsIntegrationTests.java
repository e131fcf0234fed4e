package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.grassroots.ServedIntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Requests the container cannot read — broken percent-encoding in a query or a form body, a multipart body without
 * its boundary or cut short — sent by anyone, signed in or not: each a 400 in the form its path speaks (a problem
 * detail, the GeoReport error array, a page), and not one line at ERROR in the log (issue 19: Tomcat logged each with
 * a stack trace, and Open311 answered 500).
 */
class MalformedRequestsIntegrationTests extends ServedIntegrationTestSupport {

	final List<ILoggingEvent> errors = new CopyOnWriteArrayList<>();

	final AppenderBase<ILoggingEvent> watch = new AppenderBase<>() {
		@Override
		protected void append(ILoggingEvent event) {
			if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
				errors.add(event);
			}
		}
	};

	@BeforeEach
	void watchTheLog() {
		watch.start();
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(watch);
	}

	@AfterEach
	void stopWatching() {
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(watch);
	}

	/** Sends raw bytes on a connection of their own and reads the whole answer (the server closes after a 400). */
	private String raw(String head, String body) throws IOException {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write((head + "Host: 127.0.0.1\r\nConnection: close\r\nContent-Length: " + content.length
					+ "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().write(content);
			socket.getOutputStream().flush();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			InputStream in = socket.getInputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

	private static String form(String path) {
		return "POST " + path + " HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n";
	}

	@Test
	void broken_percent_encoding_is_a_400_in_each_paths_own_form_and_nothing_at_error() throws Exception {
		String page = raw("GET /login?lang=%zz HTTP/1.1\r\nAccept-Language: zh-CN\r\n", "");
		assertThat(page).startsWith("HTTP/1.1 400").contains("text/html").contains("请求有误");

		String signIn = raw(form("/login"), "username=a%zz&password=b");
		assertThat(signIn).startsWith("HTTP/1.1 400").contains("请求有误");

		String api = raw("GET /api/v1/appeals?q=%zz HTTP/1.1\r\nAccept-Language: en\r\n", "");
		assertThat(api).startsWith("HTTP/1.1 400").contains("application/problem+json")
			.contains("\"type\":\"https://grassroots.example/problems/request\"").contains("\"status\":400").contains("Bad request");

		String open311 = raw(form("/open311/v2/requests.json"), "service_code=ROAD&description=a%zz&b");
		assertThat(open311).startsWith("HTTP/1.1 400").contains("[{\"code\":400,\"description\":");

		String open311Xml = raw("GET /open311/v2/requests.xml?status=%zz HTTP/1.1\r\n", "");
		assertThat(open311Xml).startsWith("HTTP/1.1 400").contains("<errors><error><code>400</code>");

		assertThat(errors).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
	}

	@Test
	void a_multipart_body_without_its_boundary_or_cut_short_is_a_400_and_nothing_at_error() throws Exception {
		String noBoundary = raw("POST /login HTTP/1.1\r\nContent-Type: multipart/form-data\r\n", "hello");
		assertThat(noBoundary).startsWith("HTTP/1.1 400");

		String cutShort = raw("POST /api/v1/appeals/import-12345 HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=zz\r\n",
				"--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc");
		assertThat(cutShort).startsWith("HTTP/1.1 400").contains("application/problem+json");

		String publicForm = raw("POST /q/620799000000 HTTP/1.1\r\nContent-Type: multipart/form-data\r\n", "x");
		assertThat(publicForm).matches("(?s)HTTP/1.1 (400|404).*");

		assertThat(errors).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
	}

}
