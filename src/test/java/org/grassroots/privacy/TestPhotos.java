package org.grassroots.privacy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Photos made for tests. */
public final class TestPhotos {

	private TestPhotos() {
	}

	/** A grey PNG of the given size, all black: its data compresses to almost nothing (without data: the header alone). */
	public static byte[] png(int width, int height, boolean withData) {
		return png(width, height, withData, 8, 0);
	}

	/** The same in another bit depth and colour type (6: RGBA). */
	public static byte[] png(int width, int height, boolean withData, int bitDepth, int colourType) {
		int channels = colourType == 6 ? 4 : colourType == 2 ? 3 : colourType == 4 ? 2 : 1;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
		ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth).put((byte) colourType).put((byte) 0)
			.put((byte) 0).put((byte) 0);
		chunk(out, "IHDR", ihdr.array());
		if (withData) {
			Deflater deflater = new Deflater(9);
			byte[] row = new byte[width * channels * bitDepth / 8 + 1];
			ByteArrayOutputStream compressed = new ByteArrayOutputStream();
			byte[] buffer = new byte[64 * 1024];
			for (int y = 0; y < height; y++) {
				deflater.setInput(row);
				while (!deflater.needsInput()) {
					compressed.write(buffer, 0, deflater.deflate(buffer));
				}
			}
			deflater.finish();
			while (!deflater.finished()) {
				compressed.write(buffer, 0, deflater.deflate(buffer));
			}
			chunk(out, "IDAT", compressed.toByteArray());
			chunk(out, "IEND", new byte[0]);
		}
		return out.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] name = type.getBytes(StandardCharsets.US_ASCII);
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(name);
		out.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

}
