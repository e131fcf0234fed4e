package org.grassroots.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.grassroots.IntegrationTestSupport;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/**
 * The public QR form (码上响应), open to anyone, under fuzzed submissions. The fuzzer's bytes are read as lines of
 * {@code name=value}: form fields (any name, any value), {@code photo=png|jpeg|<bytes>} for a photo and
 * {@code place=<n>} for which intake point is posted to. Whatever arrives: never a 500, and an accepted appeal lies
 * under the point it was posted to.
 */
class PublicFormFuzzIntegrationTests extends IntegrationTestSupport {

	private static final List<String> PLACES = List.of(GAOMIAO_GRID1, GAOMIAO, XISHANG, "620799100299", "../../etc");

	private static final Pattern TRACKING = Pattern.compile("id=\"tracking-code\">([A-Z0-9]+)<");

	private static final AtomicInteger CLIENT = new AtomicInteger();

	private static final byte[] PNG = image("png");

	private static final byte[] JPEG = image("jpeg");

	@FuzzTest(maxDuration = "30s")
	void a_submission_never_fails_with_500_and_lands_where_it_was_posted(byte[] data) throws Exception {
		String place = PLACES.get(0);
		int client = CLIENT.incrementAndGet();
		MockMultipartHttpServletRequestBuilder request = null;
		String[] lines = new String(data, StandardCharsets.UTF_8).split("\n");
		for (String line : lines) {
			if (line.startsWith("place=") && line.length() > 6) {
				place = PLACES.get(Math.floorMod(line.charAt(6), PLACES.size()));
			}
		}
		request = multipart("/q/" + place);
		for (String line : lines) {
			int eq = line.indexOf('=');
			if (eq <= 0) {
				continue;
			}
			String name = line.substring(0, eq);
			String value = line.substring(eq + 1);
			if (name.equals("photo")) {
				byte[] photo = switch (value) {
					case "png" -> PNG;
					case "jpeg" -> JPEG;
					default -> value.getBytes(StandardCharsets.ISO_8859_1);
				};
				request.file(new MockMultipartFile("photos", "photo." + (value.equals("png") ? "png" : "jpg"), null, photo));
			}
			else if (!name.equals("place")) {
				request.param(name, value);
			}
		}
		// a client of its own each time: the per-client limit is another test's subject, not a wall for the fuzzer
		request.with(csrf()).with(r -> {
			r.setRemoteAddr("10.77." + (client / 250 % 250) + "." + (client % 250 + 1));
			return r;
		});
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).as("status").isIn(200, 400, 404, 413, 429);
		Matcher tracking = TRACKING.matcher(response.getContentAsString(StandardCharsets.UTF_8));
		if (response.getStatus() == 200 && tracking.find()) {
			String path = jdbc.sql("SELECT region_path FROM appeals_appeal WHERE tracking_code = ?")
				.param(tracking.group(1))
				.query(String.class)
				.single();
			assertThat(path).as("where the appeal lies").contains("/" + place + "/");
		}
	}

	private static byte[] image(String format) {
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
			image.setRGB(3, 4, 0x336699);
			ImageIO.write(image, format, out);
			return out.toByteArray();
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

}
