package org.grassroots.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.grassroots.shell.InputRejected;
import org.grassroots.shell.ServiceBusy;
import org.junit.jupiter.api.Test;

/**
 * The photo's header is read before anything is decoded, and a photo claiming too many pixels is refused at once; WebP
 * is decoded and kept as JPEG (no metadata), and bytes that only look like WebP are refused.
 */
class PhotoCleanerTests {

	/** A 16×16 lossy WebP with alpha (VP8X + ALPH + VP8): CPython's test image {@code imghdrdata/python.webp} (PSF licence). */
	static final byte[] WEBP = Base64.getDecoder().decode("UklGRqgBAABXRUJQVlA4WAoAAAAQAAAADwAADwAAQUxQSMMAAAABJ6KokSTleucYX+ffKpmImP90cY3gJjDi4Yt3MsjBEVyDKzDosHgVjnhRNcEIDAJPkqBqsFUZHNa2bUYvTsZ2PLbtd/uvKa4hov9J0f2PkPe6REkkGzolkTTzFG0Ox9PlFiD0CxS+kOGDtxoynjaCfx0pfk52CPuInrOR75lzRugygtv4zEiy90UwfSD9NheMITJWLaXWayO8XeOlWRXVnIGk2W6WdYoYMQ+KqixQNPowgt+6a1BSKbUtz+lUFAoBAAAAVlA4IL4AAACQAgCdASoQABAAAwA0JbACdDBPCIUMfAMdCCz96AD+/XSg/QKbH4r3Q3ycN/bSDK/T/zVo4u6nvclvG/SqxWOuup+XhN9BojvaW+Tv+MvxvX/hr/o/5Qns9LtmX/+qKdl/yWznhuasl7nkxvSTI4xf3Y85VSB/lU/8Ofj/b9JrA+ifvIOYZm2x1RP/dhfmsf5diuSfR7+z+r/+HR3zEo/+XM/B+vkYw73Pzx+ROaAB/ZoBSzEs3rzZe6qsAAAA");

	private final PhotoCleaner cleaner = cleaner(32, 2, Duration.ofSeconds(5), Duration.ofSeconds(20));

	static PhotoCleaner cleaner(int maxScans, int concurrency, Duration busyWait, Duration timeout) {
		return new PhotoCleaner(25_000_000, maxScans, concurrency, 256, busyWait, timeout);
	}

	@Test
	void a_small_png_claiming_6000_by_6000_pixels_is_refused_from_its_header_without_being_decoded() {
		byte[] bomb = TestPhotos.png(6000, 6000, true);
		assertThat(bomb.length).isLessThan(200_000);
		assertThatThrownBy(() -> cleaner.clean(bomb)).isInstanceOfSatisfying(InputRejected.class, refused -> {
			assertThat(refused.problems()).hasSize(1);
			assertThat(refused.problems().get(0).field()).isEqualTo("photos");
			assertThat(refused.problems().get(0).messageKey()).isEqualTo("privacy.photo.tooManyPixels");
			assertThat(refused.problems().get(0).args()).containsExactly(6000L, 6000L, 25L);
		});
	}

	@Test
	void a_photo_that_alone_would_take_more_than_the_memory_budget_is_refused_not_decoded_alone() {
		PhotoCleaner small = new PhotoCleaner(25_000_000, 32, 2, 64, Duration.ofSeconds(5), Duration.ofSeconds(20));
		// 20 million pixels at 8 bytes each: 160 MB, more than the 64 MB this server may spend on photos
		assertThatThrownBy(() -> small.clean(TestPhotos.png(5000, 4000, false))).isInstanceOfSatisfying(InputRejected.class,
				refused -> {
					assertThat(refused.problems().get(0).messageKey()).isEqualTo("privacy.photo.tooLargeForServer");
					assertThat(refused.problems().get(0).args()).containsExactly(5000L, 4000L, 8L);
				});
		assertThat(small.clean(TestPhotos.png(300, 200, true))).isPresent();
	}

	@Test
	void a_png_header_alone_is_enough_to_refuse_it() {
		byte[] headerOnly = TestPhotos.png(6000, 6000, false);
		assertThat(headerOnly.length).isLessThan(100);
		assertThatThrownBy(() -> cleaner.clean(headerOnly)).isInstanceOf(InputRejected.class)
			.hasMessageContaining("privacy.photo.tooManyPixels");
	}

	@Test
	void a_png_within_the_limit_is_decoded_and_stays_png() {
		var clean = cleaner.clean(TestPhotos.png(300, 200, true)).orElseThrow();
		assertThat(clean.contentType()).isEqualTo("image/png");
		BufferedImage image = read(clean.bytes());
		assertThat(image.getWidth()).isEqualTo(300);
		assertThat(image.getHeight()).isEqualTo(200);
	}

	@Test
	void a_progressive_jpeg_is_accepted_and_its_scans_counted() {
		byte[] progressive = jpeg(noise(640, 480), true);
		assertThat(PhotoCleaner.jpegScans(progressive)).isBetween(2, 32);
		assertThat(PhotoCleaner.jpegScans(jpeg(noise(64, 48), false))).isEqualTo(1);
		var clean = cleaner.clean(progressive).orElseThrow();
		assertThat(clean.contentType()).isEqualTo("image/jpeg");
		assertThat(read(clean.bytes()).getWidth()).isEqualTo(640);
	}

	@Test
	void a_jpeg_of_more_scans_than_allowed_is_refused_before_decoding() {
		byte[] progressive = jpeg(noise(64, 48), true);
		assertThatThrownBy(() -> cleaner(2, 2, Duration.ofSeconds(5), Duration.ofSeconds(20)).clean(progressive))
			.isInstanceOf(InputRejected.class).hasMessageContaining("privacy.photo.tooManyScans");
	}

	@Test
	void a_webp_is_decoded_and_kept_as_jpeg_without_its_metadata() {
		byte[] withExif = withChunk(WEBP, "EXIF", "GPS 31.2304N 121.4737E taken-by-someone".getBytes(StandardCharsets.US_ASCII));
		assertThat(new String(withExif, StandardCharsets.ISO_8859_1)).contains("121.4737E");
		var clean = cleaner.clean(withExif).orElseThrow();
		assertThat(clean.contentType()).isEqualTo("image/jpeg");
		assertThat(clean.bytes()[0] & 0xFF).isEqualTo(0xFF);
		assertThat(clean.bytes()[1] & 0xFF).isEqualTo(0xD8);
		assertThat(new String(clean.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("121.4737E").doesNotContain("EXIF");
		BufferedImage image = read(clean.bytes());
		assertThat(image.getWidth()).isEqualTo(16);
		assertThat(image.getHeight()).isEqualTo(16);
	}

	@Test
	void bytes_dressed_as_webp_are_refused() {
		byte[] garbage = new byte[4096];
		new Random(7).nextBytes(garbage);
		ByteBuffer head = ByteBuffer.wrap(garbage).order(ByteOrder.LITTLE_ENDIAN);
		head.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(garbage.length - 8).put("WEBP".getBytes(StandardCharsets.US_ASCII))
			.put("VP8 ".getBytes(StandardCharsets.US_ASCII)).putInt(garbage.length - 20);
		assertThat(cleaner.clean(garbage)).isEmpty();
		// a webp whose image data is cut off is no image either
		byte[] cut = java.util.Arrays.copyOf(WEBP, 300);
		assertThat(cleaner.clean(cut)).isEmpty();
	}

	@Test
	void a_photo_that_cannot_start_decoding_within_the_busy_wait_is_answered_busy() throws InterruptedException {
		PhotoCleaner one = cleaner(32, 1, Duration.ofMillis(50), Duration.ofSeconds(20));
		one.decodes.acquire();
		try {
			assertThatThrownBy(() -> one.clean(TestPhotos.png(300, 200, true))).isInstanceOfSatisfying(ServiceBusy.class,
					busy -> assertThat(busy.retryAfterSeconds()).isPositive());
		}
		finally {
			one.decodes.release();
		}
		assertThat(one.clean(TestPhotos.png(300, 200, true))).isPresent();
	}

	@Test
	void a_decode_running_past_its_time_is_stopped_and_the_photo_refused() {
		PhotoCleaner hasty = cleaner(32, 2, Duration.ofSeconds(5), Duration.ofNanos(1));
		assertThatThrownBy(() -> hasty.clean(TestPhotos.png(2000, 2000, true))).isInstanceOf(InputRejected.class)
			.hasMessageContaining("privacy.photo.tooSlow");
		assertThatThrownBy(() -> hasty.clean(jpeg(noise(640, 480), true))).isInstanceOf(InputRejected.class)
			.hasMessageContaining("privacy.photo.tooSlow");
	}

	/**
	 * Not a check: how long the worst photo the limits accept takes here (25 MP, under 5 MB), run with
	 * {@code -Dphotos.measure=true}.
	 */
	@Test
	void measure_the_worst_accepted_photo() throws IOException {
		org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("photos.measure"));
		PhotoCleaner measured = new PhotoCleaner(25_000_000, 32, 2, 0, Duration.ofSeconds(5), Duration.ofSeconds(Long.getLong("photos.timeout", 60)));
		BufferedImage big = new BufferedImage(5000, 5000, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(1);
		for (int y = 0; y < 5000; y++) {
			for (int x = 0; x < 5000; x++) {
				big.setRGB(x, y, ((x * 255 / 5000) << 16) | ((y * 255 / 5000) << 8) | random.nextInt(Integer.getInteger("photos.noise", 24)));
			}
		}
		for (float quality : new float[] {0.75f, 0.5f}) {
			byte[] progressive = jpeg(big, true, quality);
			System.out.printf("25 MP progressive JPEG q=%.2f: %d bytes, %d scans%n", quality, progressive.length,
					PhotoCleaner.jpegScans(progressive));
			if (progressive.length <= PhotoCleaner.MAX_BYTES) {
				time("progressive JPEG q=" + quality, measured, progressive);
			}
		}
		byte[] baseline = jpeg(big, false, 0.75f);
		System.out.printf("25 MP baseline JPEG: %d bytes%n", baseline.length);
		if (baseline.length <= PhotoCleaner.MAX_BYTES) {
			time("baseline JPEG", measured, baseline);
		}
		time("25 MP blank PNG", measured, TestPhotos.png(5000, 5000, true));
		time("25 MP blank 16-bit RGBA PNG", measured, TestPhotos.png(5000, 5000, true, 16, 6));
	}

	private static void time(String what, PhotoCleaner cleaner, byte[] photo) {
		for (int run = 1; run <= 2; run++) {
			long started = System.nanoTime();
			cleaner.clean(photo).orElseThrow();
			System.out.printf("%s (%d bytes), run %d: %d ms%n", what, photo.length, run, (System.nanoTime() - started) / 1_000_000);
		}
	}

	static BufferedImage noise(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(3);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		return image;
	}

	static byte[] jpeg(BufferedImage image, boolean progressive) {
		return jpeg(image, progressive, 0.8f);
	}

	static byte[] jpeg(BufferedImage image, boolean progressive, float quality) {
		try {
			ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
			if (progressive) {
				param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
				writer.setOutput(stream);
				writer.write(null, new IIOImage(image, null, null), param);
			}
			writer.dispose();
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** The WebP with one more chunk at its end (and the RIFF size and VP8X flag to match). */
	private static byte[] withChunk(byte[] webp, String fourcc, byte[] data) {
		int padded = data.length + (data.length & 1);
		ByteBuffer out = ByteBuffer.allocate(webp.length + 8 + padded).order(ByteOrder.LITTLE_ENDIAN);
		out.put(webp).put(fourcc.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
		byte[] bytes = out.array();
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, bytes.length - 8);
		bytes[20] |= 0x08;
		return bytes;
	}

	private static BufferedImage read(byte[] bytes) {
		try {
			return ImageIO.read(new ByteArrayInputStream(bytes));
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

}
