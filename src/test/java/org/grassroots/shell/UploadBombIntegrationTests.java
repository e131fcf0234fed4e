package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's first finding, replayed against the packaged application started the way the README runs it in
 * production (-Xmx384m, serial GC, embedded H2 with the demo county): a 5-6 MB workbook whose sheet unpacks to about
 * 94 MB (150,000 rows of varied text, so POI's compression-ratio check lets it through) sent three at a time to the
 * 12345 import and to the registry import. Each is refused with a clear 4xx, the process never runs out of memory,
 * and afterwards it still answers its health check and an ordinary list at once.
 */
class UploadBombIntegrationTests {

	/** What the last {@link #bomb} sheet unpacks to. */
	static final java.util.concurrent.atomic.AtomicLong UNPACKED = new java.util.concurrent.atomic.AtomicLong();

	private static final Duration REQUEST_LIMIT = Duration.ofSeconds(150);

	private static Process server;
	private static Path dir;
	private static Path log;
	private static int port;

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startTheJarWithTheProductionHeap() throws Exception {
		// the PostgreSQL run of the suite would only repeat this: the jar runs on its embedded default either way
		assumeThat(System.getProperty("grassroots.test.profile", "test")).doesNotContain("postgres");
		Path jar;
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			jar = files.filter(p -> p.getFileName().toString().matches("grassroots-.*\\.jar")).findFirst()
				.orElseThrow(() -> new IllegalStateException("no target/grassroots-*.jar: run through ./mvnw verify (package comes first)"));
		}
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		dir = Files.createTempDirectory(Path.of("target"), "bomb-server-");
		log = dir.resolve("server.log");
		server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=256m", "-Xss512k",
				"-jar", jar.toAbsolutePath().toString(), "--server.port=" + port, "--server.address=127.0.0.1")
			.directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		HttpClient probe = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
		while (true) {
			assertThat(server.isAlive()).as("the server started (see %s)", log).isTrue();
			try {
				if (probe.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					break;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			assertThat(System.nanoTime()).as("the server answered within 180 s (see %s)", log).isLessThan(deadline);
			Thread.sleep(500);
		}
	}

	@AfterAll
	static void stop() throws Exception {
		if (server != null) {
			server.destroy();
			if (!server.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
				server.destroyForcibly();
			}
		}
	}

	@Test
	void a_workbook_that_unpacks_to_94_mb_is_refused_and_the_server_stays_healthy() throws Exception {
		byte[] bomb = bomb(150_000);
		assertThat(UNPACKED.get()).as("the sheet unpacked").isBetween(85L * 1024 * 1024, 110L * 1024 * 1024);
		assertThat(bomb.length).as("compressed size, below the 20 MB upload limit so that the reader gets it").isBetween(2 * 1024 * 1024, 18 * 1024 * 1024);
		String township = token("qinghe.staff");
		String village = token("gaomiao.cadre");

		List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			uploads.add(upload("/api/v1/appeals/import-12345", township, bomb, "orders.xlsx"));
		}
		uploads.add(upload("/api/v1/registry/import", village, bomb, "residents.xlsx"));
		long sent = System.nanoTime();
		System.out.printf("upload bomb: %,d bytes, its sheet unpacks to %,d bytes%n", bomb.length, UNPACKED.get());
		for (CompletableFuture<HttpResponse<String>> upload : uploads) {
			HttpResponse<String> response = upload.get();
			System.out.printf("upload bomb: %s answered %d after %d ms: %s%n", response.uri().getPath(), response.statusCode(),
					(System.nanoTime() - sent) / 1_000_000, response.body().length() > 200 ? response.body().substring(0, 200) : response.body());
			assertThat(response.statusCode()).as("%s answered %s", response.uri(), response.body()).isBetween(400, 499);
			assertThat(response.body()).as("says which limit").containsPattern("50,?000|20,?000|48 ?MB|行|rows");
		}

		HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("UP");
		HttpResponse<String> list = http.send(HttpRequest.newBuilder(uri("/api/v1/appeals?size=5")).timeout(Duration.ofSeconds(5))
			.header("Authorization", "Bearer " + township).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(server.isAlive()).isTrue();
		assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
	}

	private CompletableFuture<HttpResponse<String>> upload(String path, String token, byte[] file, String name) {
		String boundary = "----bomb" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream(file.length + 512);
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
				+ "\"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(file);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return http.sendAsync(HttpRequest.newBuilder(uri(path)).timeout(REQUEST_LIMIT)
			.header("Authorization", "Bearer " + token).header("Accept-Language", "zh-CN")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Signs in as the demo account and issues it a personal API token on the tokens page. */
	private String token(String username) throws Exception {
		HttpClient own = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
		String login = own.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
		HttpResponse<String> signedIn = own.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=demo1234&_csrf=" + csrf(login))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
		String page = own.send(HttpRequest.newBuilder(uri("/account/tokens")).build(), HttpResponse.BodyHandlers.ofString()).body();
		String issued = own.send(HttpRequest.newBuilder(uri("/account/tokens"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("name=bomb-test&_csrf=" + csrf(page))).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher secret = Pattern.compile("id=\"token-secret\">(grt_[A-Za-z0-9_-]+)<").matcher(issued);
		assertThat(secret.find()).as("a token was issued to %s", username).isTrue();
		return secret.group(1);
	}

	private static String csrf(String page) {
		Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"").matcher(page);
		assertThat(m.find()).as("a CSRF field on the page").isTrue();
		return URLEncoder.encode(m.group(1) != null ? m.group(1) : m.group(2), StandardCharsets.UTF_8);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	/**
	 * A minimal valid .xlsx whose one sheet holds {@code rows} rows of eight inline-string cells of pseudo-random
	 * text (about 670 bytes a row unpacked, compressing about 16:1), written straight into the zip.
	 */
	static byte[] bomb(int rows) {
		try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
			part(zip, "[Content_Types].xml", """
					<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
					<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
					<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
					<Default Extension="xml" ContentType="application/xml"/>\
					<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
					<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
					</Types>""");
			part(zip, "_rels/.rels", """
					<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
					<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
					<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
					</Relationships>""");
			part(zip, "xl/workbook.xml", """
					<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
					<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
					xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
					<sheets><sheet name="工单" sheetId="1" r:id="rId1"/></sheets></workbook>""");
			part(zip, "xl/_rels/workbook.xml.rels", """
					<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
					<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
					<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
					</Relationships>""");
			zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
			java.util.concurrent.atomic.AtomicLong unpacked = new java.util.concurrent.atomic.AtomicLong();
			Writer sheet = new OutputStreamWriter(new java.io.FilterOutputStream(zip) {
				@Override
				public void write(byte[] b, int off, int len) throws IOException {
					unpacked.addAndGet(len);
					out.write(b, off, len);
				}

				@Override
				public void write(int b) throws IOException {
					unpacked.incrementAndGet();
					out.write(b);
				}
			}, StandardCharsets.UTF_8);
			sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
					+ "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
			String[] header = {"工单编号", "来电时间", "诉求人", "联系电话", "诉求内容", "诉求类型", "地址/所属区域", "办理时限"};
			row(sheet, 1, header);
			Random random = new Random(18);
			String words = "村组路灯垃圾清运道路积水补偿款承包地邻里噪音停车排水沟土地宅基地养老医保低保";
			String[] texts = new String[64];
			for (int t = 0; t < texts.length; t++) {
				StringBuilder text = new StringBuilder(60);
				for (int i = 0; i < 40; i++) {
					text.append(words.charAt(random.nextInt(words.length())));
				}
				texts[t] = text.toString();
			}
			for (int r = 2; r <= rows + 1; r++) {
				row(sheet, r, new String[] {"GD" + (20260000000L + r), "2026-11-02 09:15:00", "居民" + random.nextInt(1000),
						"138" + (10_000_000 + random.nextInt(1000)), texts[random.nextInt(texts.length)], "环境卫生",
						"清河镇高庙村第" + random.nextInt(100) + "网格", "2026-11-" + (10 + random.nextInt(19))});
			}
			sheet.write("</sheetData></worksheet>");
			sheet.flush();
			zip.closeEntry();
			zip.finish();
			UNPACKED.set(unpacked.get());
			return bytes.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void row(Writer sheet, int r, String[] cells) throws IOException {
		sheet.write("<row r=\"" + r + "\">");
		for (int c = 0; c < cells.length; c++) {
			sheet.write("<c r=\"" + (char) ('A' + c) + r + "\" t=\"inlineStr\"><is><t>" + cells[c] + "</t></is></c>");
		}
		sheet.write("</row>");
	}

	private static void part(ZipOutputStream zip, String name, String xml) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(xml.getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}

}
