package org.grassroots;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application behind a real port (Tomcat: compression, multipart limits and security headers as in
 * production), talked to over HTTP from 127.0.0.1. An in-memory H2 of its own, apart from the MockMvc tests'.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:grassroots-served;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
		"spring.datasource.username=sa", "spring.datasource.password=" })
@ActiveProfiles("test")
public abstract class ServedIntegrationTestSupport {

	@LocalServerPort
	protected int port;

	/** A browser-like client: keeps cookies, never follows redirects by itself. */
	protected final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER).build();

	protected URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	protected HttpResponse<byte[]> get(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	protected HttpResponse<byte[]> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** The body as text, unzipped when the server compressed it. */
	protected static String text(HttpResponse<byte[]> response) {
		try {
			byte[] body = response.body();
			if (response.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent()) {
				body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
			}
			return new String(body, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
