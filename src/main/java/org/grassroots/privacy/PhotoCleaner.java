package org.grassroots.privacy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.stream.ImageInputStream;

import org.grassroots.shell.InputRejected;
import org.grassroots.shell.ServiceBusy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks an uploaded photo by its content, not its name, and removes what it says about where and with what it was
 * taken: every photo is decoded and encoded again (no EXIF, no GPS, no text chunks). JPEG and PNG stay what they were;
 * WebP is stored as JPEG.
 * <p>
 * Decoding is the expensive part (a 105 KB PNG claiming 6000×6000 pixels took ten seconds), so it is bounded before
 * it starts and while it runs:
 * <ul>
 * <li>the dimensions are read from the header first, and a photo of more than {@code grassroots.photos.max-pixels}
 * (25 million) is refused with a message saying so, without being decoded; a JPEG of more than
 * {@code grassroots.photos.max-jpeg-scans} (32) scans likewise;</li>
 * <li>at most {@code grassroots.photos.concurrency} photos (the number of cores) are decoded at once, and together
 * they may take at most {@code grassroots.photos.memory-budget-mb} (half the heap) of memory, counted as
 * 8 bytes a pixel (the decoded image and its RGB copy; 14 for a progressive JPEG, 12 for a 16-bit PNG); a photo that
 * alone would need more than the budget is refused (on the production heap of 384 MB: about 24 million pixels,
 * 13 million for a progressive JPEG); a request that cannot start within
 * {@code grassroots.photos.busy-wait} (5 s) is answered 503 with {@code Retry-After} ({@link ServiceBusy});</li>
 * <li>a decode still running after {@code grassroots.photos.decode-timeout} (20 s) is stopped and the photo refused.</li>
 * </ul>
 */
@Component
public class PhotoCleaner {

	public static final int MAX_BYTES = 5 * 1024 * 1024;

	/** Bytes of memory a decoded pixel may take while cleaning: the decoded image and an RGB copy of it. */
	static final int BYTES_PER_PIXEL = 8;

	private static final int RETRY_AFTER_SECONDS = 10;

	public record CleanPhoto(String contentType, byte[] bytes) {
	}

	private enum Kind {
		JPEG("jpeg"), PNG("png"), WEBP("webp");

		final String format;

		Kind(String format) {
			this.format = format;
		}
	}

	private final long maxPixels;
	private final int maxJpegScans;
	final Semaphore decodes;
	private final Semaphore memoryMb;
	private final int budgetMb;
	private final Duration busyWait;
	private final Duration decodeTimeout;

	PhotoCleaner(@Value("${grassroots.photos.max-pixels:25000000}") long maxPixels,
			@Value("${grassroots.photos.max-jpeg-scans:32}") int maxJpegScans,
			@Value("${grassroots.photos.concurrency:0}") int concurrency,
			@Value("${grassroots.photos.memory-budget-mb:0}") int memoryBudgetMb,
			@Value("${grassroots.photos.busy-wait:5s}") Duration busyWait,
			@Value("${grassroots.photos.decode-timeout:20s}") Duration decodeTimeout) {
		this.maxPixels = maxPixels;
		this.maxJpegScans = maxJpegScans;
		this.decodes = new Semaphore(concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors(), true);
		this.budgetMb = memoryBudgetMb > 0 ? memoryBudgetMb : (int) Math.max(64, Runtime.getRuntime().maxMemory() / 2 / (1 << 20));
		this.memoryMb = new Semaphore(budgetMb, true);
		this.busyWait = busyWait;
		this.decodeTimeout = decodeTimeout;
	}

	/** The largest photo accepted, in millions of pixels (for messages). */
	public long maxMegapixels() {
		return maxPixels / 1_000_000;
	}

	/**
	 * The cleaned photo, or empty when the content is not a JPEG, PNG or WebP image that decodes.
	 *
	 * @throws InputRejected (field {@code photos}) when its header claims more pixels or scans than allowed, or its
	 *         decoding took too long
	 * @throws ServiceBusy when the server is already decoding as much as it may and stayed so for the busy wait
	 */
	public Optional<CleanPhoto> clean(byte[] content) {
		if (content == null || content.length < 12 || content.length > MAX_BYTES) {
			return Optional.empty();
		}
		Kind kind = isJpeg(content) ? Kind.JPEG : isPng(content) ? Kind.PNG : isWebp(content) ? Kind.WEBP : null;
		if (kind == null) {
			return Optional.empty();
		}
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(kind.format);
		if (!readers.hasNext()) {
			return Optional.empty();
		}
		ImageReader reader = readers.next();
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
			reader.setInput(in, true, true);
			// the header only: nothing is decoded yet
			long width = reader.getWidth(0);
			long height = reader.getHeight(0);
			if (width <= 0 || height <= 0) {
				return Optional.empty();
			}
			if (width * height > maxPixels) {
				throw new InputRejected("photos", "privacy.photo.tooManyPixels", width, height, maxMegapixels());
			}
			int scans = kind == Kind.JPEG ? jpegScans(content) : 1;
			if (scans > maxJpegScans) {
				throw new InputRejected("photos", "privacy.photo.tooManyScans", maxJpegScans);
			}
			// a progressive JPEG also keeps all its coefficients (two bytes each, three colours) until the last scan; a
			// 16-bit PNG decodes to twice the bytes of an 8-bit one
			long bytesPerPixel = BYTES_PER_PIXEL + (scans > 1 ? 6 : 0) + (kind == Kind.PNG && content[24] == 16 ? 4 : 0);
			long costMb = Math.max(1, (width * height * bytesPerPixel + (1 << 20) - 1) >> 20);
			if (costMb > budgetMb) {
				// more than this server may ever spend on photos at once (a small heap): refused, never decoded alone
				throw new InputRejected("photos", "privacy.photo.tooLargeForServer", width, height,
						budgetMb * (1L << 20) / bytesPerPixel / 1_000_000);
			}
			return Optional.of(withinLimits((int) costMb, () -> reencode(reader, kind)));
		}
		catch (IOException | RuntimeException notAnImage) {
			if (notAnImage instanceof InputRejected || notAnImage instanceof ServiceBusy) {
				throw (RuntimeException) notAnImage;
			}
			return Optional.empty();
		}
		finally {
			reader.dispose();
		}
	}

	private interface Work {
		CleanPhoto run() throws IOException;
	}

	/** Runs the decoding within the concurrency and memory limits, waiting at most the busy wait for them. */
	private CleanPhoto withinLimits(int costMb, Work work) throws IOException {
		long deadline = System.nanoTime() + busyWait.toNanos();
		try {
			if (!decodes.tryAcquire(busyWait.toNanos(), TimeUnit.NANOSECONDS)) {
				throw new ServiceBusy("photo decoding", RETRY_AFTER_SECONDS);
			}
			try {
				if (!memoryMb.tryAcquire(costMb, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					throw new ServiceBusy("photo decoding memory", RETRY_AFTER_SECONDS);
				}
				try {
					return work.run();
				}
				finally {
					memoryMb.release(costMb);
				}
			}
			finally {
				decodes.release();
			}
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new ServiceBusy("photo decoding", RETRY_AFTER_SECONDS);
		}
	}

	private CleanPhoto reencode(ImageReader reader, Kind kind) throws IOException {
		Deadline deadline = new Deadline(System.nanoTime() + decodeTimeout.toNanos());
		reader.addIIOReadProgressListener(deadline);
		ImageReadParam param = reader.getDefaultReadParam();
		BufferedImage image;
		try {
			image = reader.read(0, param);
		}
		finally {
			reader.removeIIOReadProgressListener(deadline);
		}
		if (deadline.passed) {
			throw new InputRejected("photos", "privacy.photo.tooSlow", decodeTimeout.toSeconds());
		}
		if (image == null) {
			throw new IOException("not decoded");
		}
		String format = kind == Kind.PNG ? "png" : "jpg";
		if (!"png".equals(format) && (image.getColorModel().hasAlpha() || image.getType() == BufferedImage.TYPE_CUSTOM)) {
			// JPEG has no transparency: what was transparent becomes white
			BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
			Graphics2D g = rgb.createGraphics();
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
			g.drawImage(image, 0, 0, null);
			g.dispose();
			image = rgb;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		if (!ImageIO.write(image, format, out)) {
			throw new IOException("not encoded");
		}
		return new CleanPhoto("png".equals(format) ? "image/png" : "image/jpeg", out.toByteArray());
	}

	/** Stops a decode that runs past its time (readers check for it between rows and passes, on their own thread). */
	private static final class Deadline implements IIOReadProgressListener {

		private final long at;
		volatile boolean passed;

		Deadline(long at) {
			this.at = at;
		}

		private void check(ImageReader source) {
			if (!passed && System.nanoTime() - at > 0) {
				passed = true;
				source.abort();
			}
		}

		@Override
		public void imageProgress(ImageReader source, float percentageDone) {
			check(source);
		}

		@Override
		public void sequenceStarted(ImageReader source, int minIndex) {
		}

		@Override
		public void sequenceComplete(ImageReader source) {
		}

		@Override
		public void imageStarted(ImageReader source, int imageIndex) {
		}

		@Override
		public void imageComplete(ImageReader source) {
		}

		@Override
		public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
		}

		@Override
		public void thumbnailProgress(ImageReader source, float percentageDone) {
		}

		@Override
		public void thumbnailComplete(ImageReader source) {
		}

		@Override
		public void readAborted(ImageReader source) {
			passed = true;
		}

	}

	/**
	 * How many scans (start-of-scan markers) a JPEG has, found by walking its segments (a progressive JPEG is decoded
	 * once per scan; a baseline one has one). Stops where the structure breaks: the decoder judges the rest.
	 */
	static int jpegScans(byte[] b) {
		int pos = 2;
		int scans = 0;
		while (pos + 4 <= b.length) {
			if ((b[pos] & 0xFF) != 0xFF) {
				return scans;
			}
			int marker = b[pos + 1] & 0xFF;
			if (marker == 0xFF) {
				pos++;
				continue;
			}
			if (marker == 0xD9) {
				return scans;
			}
			if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
				pos += 2;
				continue;
			}
			int length = ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
			if (length < 2) {
				return scans;
			}
			pos += 2 + length;
			if (marker == 0xDA) {
				scans++;
				// the entropy-coded data runs to the next marker that is neither a stuffed 0xFF nor a restart
				while (pos + 1 < b.length) {
					if ((b[pos] & 0xFF) == 0xFF) {
						int next = b[pos + 1] & 0xFF;
						if (next != 0 && (next < 0xD0 || next > 0xD7)) {
							break;
						}
					}
					pos++;
				}
			}
		}
		return scans;
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

}
