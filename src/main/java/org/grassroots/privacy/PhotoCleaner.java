package org.grassroots.privacy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

import javax.imageio.ImageIO;

/**
 * Checks an uploaded photo by its content, not its name, and removes what it says about where and with
 * what it was taken: JPEG and PNG are decoded and encoded again (no EXIF, no GPS, no text chunks);
 * WebP keeps its image data and loses its EXIF and XMP chunks.
 */
public final class PhotoCleaner {

	public static final int MAX_BYTES = 5 * 1024 * 1024;
	public static final int MAX_PIXELS = 40_000_000;

	public record CleanPhoto(String contentType, byte[] bytes) {
	}

	private PhotoCleaner() {
	}

	/** The cleaned photo, or empty when the content is not a JPEG, PNG or WebP image. */
	public static Optional<CleanPhoto> clean(byte[] content) {
		if (content == null || content.length < 12 || content.length > MAX_BYTES) {
			return Optional.empty();
		}
		try {
			if (isJpeg(content)) {
				return reencode(content, "jpg", "image/jpeg");
			}
			if (isPng(content)) {
				return reencode(content, "png", "image/png");
			}
			if (isWebp(content)) {
				return stripWebp(content).map(bytes -> new CleanPhoto("image/webp", bytes));
			}
		}
		catch (IOException | RuntimeException notAnImage) {
			return Optional.empty();
		}
		return Optional.empty();
	}

	private static boolean isJpeg(byte[] b) {
		return (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
	}

	private static boolean isPng(byte[] b) {
		return Arrays.equals(Arrays.copyOf(b, 8), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
	}

	private static boolean isWebp(byte[] b) {
		return b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
				&& b[11] == 'P';
	}

	private static Optional<CleanPhoto> reencode(byte[] content, String format, String contentType) throws IOException {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(content));
		if (image == null || (long) image.getWidth() * image.getHeight() > MAX_PIXELS) {
			return Optional.empty();
		}
		if ("jpg".equals(format) && image.getColorModel().hasAlpha()) {
			BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
			rgb.createGraphics().drawImage(image, 0, 0, null);
			image = rgb;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		if (!ImageIO.write(image, format, out)) {
			return Optional.empty();
		}
		return Optional.of(new CleanPhoto(contentType, out.toByteArray()));
	}

	/** Copies the RIFF chunks except EXIF and XMP, and clears their flags in VP8X. */
	private static Optional<byte[]> stripWebp(byte[] content) {
		ByteBuffer in = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
		int riffSize = in.getInt(4);
		if (riffSize + 8 > content.length || riffSize < 4) {
			return Optional.empty();
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes("WEBP".getBytes());
		int pos = 12;
		boolean image = false;
		while (pos + 8 <= riffSize + 8) {
			String fourcc = new String(content, pos, 4);
			int size = in.getInt(pos + 4);
			int padded = size + (size & 1);
			if (size < 0 || pos + 8 + padded > content.length + 1) {
				return Optional.empty();
			}
			int end = Math.min(pos + 8 + padded, content.length);
			if (fourcc.equals("VP8 ") || fourcc.equals("VP8L") || fourcc.equals("ANMF")) {
				image = true;
			}
			if (!fourcc.equals("EXIF") && !fourcc.equals("XMP ")) {
				byte[] chunk = Arrays.copyOfRange(content, pos, end);
				if (fourcc.equals("VP8X") && chunk.length > 8) {
					chunk[8] &= (byte) ~0x0C;
				}
				body.writeBytes(chunk);
			}
			pos += 8 + padded;
		}
		if (!image) {
			return Optional.empty();
		}
		byte[] payload = body.toByteArray();
		ByteBuffer out = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
		out.put("RIFF".getBytes()).putInt(payload.length).put(payload);
		return Optional.of(out.array());
	}

}
