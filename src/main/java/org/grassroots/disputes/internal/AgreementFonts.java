package org.grassroots.disputes.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The faces the mediation agreement is set in. The body wants a Song (宋体) or Fangsong (仿宋) face, as Chinese legal
 * documents are set; none can be shipped with the project, so the first usable one of a configured list of files is
 * taken at start ({@code grassroots.disputes.agreement.fonts}: paths, a face of a collection named after {@code #}).
 * The default list names the free Song faces Debian packages (AR PL UMing, {@code fonts-arphic-uming}; AR PL SungtiL GB,
 * {@code fonts-arphic-gbsn00lp}) and the usual Windows and macOS places of SimSun and FangSong. A face must have
 * TrueType outlines: the PDF library subsets only those, so Noto Serif CJK (CFF outlines in an OpenType collection) is
 * refused with the reason in the log. When none is found, the body is set in the face the project ships (Droid Sans
 * Fallback, a plain sans), which also serves every character the body face lacks.
 */
@Component
public class AgreementFonts {

	private static final Logger log = LoggerFactory.getLogger(AgreementFonts.class);

	/** Shipped on the class path (Apache-2.0): the last resort, and the face for characters the body face lacks. */
	static final String SHIPPED = "classpath:fonts/DroidSansFallbackFull.ttf";

	static final String DEFAULTS = "/usr/share/fonts/truetype/arphic/uming.ttc#UMingCN,"
			+ "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf,"
			+ "C:/Windows/Fonts/simfang.ttf,C:/Windows/Fonts/simsun.ttc#SimSun,"
			+ "/Library/Fonts/Songti.ttc#STSongti-SC-Regular";

	/** A face found: where it is read from and its PostScript name (what a PDF names it). */
	public record Face(String location, String name) {
	}

	private final Face body;
	private final byte[] shipped;

	AgreementFonts(@Value("${grassroots.disputes.agreement.fonts:" + DEFAULTS + "}") List<String> candidates) {
		try (InputStream in = new ClassPathResource(SHIPPED.substring("classpath:".length())).getInputStream()) {
			this.shipped = in.readAllBytes();
		}
		catch (IOException missing) {
			throw new UncheckedIOException("The CJK font " + SHIPPED + " is not on the class path", missing);
		}
		Face found = null;
		for (String candidate : candidates) {
			Optional<Face> usable = usable(candidate.strip());
			if (usable.isPresent()) {
				found = usable.get();
				break;
			}
		}
		this.body = found != null ? found : new Face(SHIPPED, "DroidSansFallback");
		log.info("Mediation agreements are set in {} ({})", body.name(), body.location());
	}

	/** The face the body text is set in. */
	public Face body() {
		return body;
	}

	/** Whether the body is set in the shipped fallback because no Song or Fangsong face was found. */
	public boolean fallingBack() {
		return body.location().equals(SHIPPED);
	}

	/** The body face and the shipped fallback, loaded into a document to be embedded as subsets of what it uses. */
	Loaded load(PDDocument doc) throws IOException {
		PDType0Font fallback = PDType0Font.load(doc, new java.io.ByteArrayInputStream(shipped), true);
		if (fallingBack()) {
			return new Loaded(fallback, fallback, () -> {
			});
		}
		Opened opened = open(body.location());
		return new Loaded(PDType0Font.load(doc, opened.font(), true), fallback, opened.closer());
	}

	/** The faces of one document; {@code close} after the document is saved (a collection is read as it is embedded). */
	record Loaded(PDType0Font body, PDType0Font fallback, Closer closer) implements AutoCloseable {

		@Override
		public void close() throws IOException {
			closer.close();
		}

	}

	interface Closer {

		void close() throws IOException;

	}

	private record Opened(TrueTypeFont font, Closer closer) {
	}

	/** A candidate that exists, has TrueType outlines and the characters of an agreement; else why not, in the log. */
	static Optional<Face> usable(String candidate) {
		if (candidate.isEmpty()) {
			return Optional.empty();
		}
		String path = candidate.contains("#") ? candidate.substring(0, candidate.indexOf('#')) : candidate;
		if (!path.startsWith("classpath:") && !new File(path).isFile()) {
			log.debug("Agreement font {} not found", path);
			return Optional.empty();
		}
		try {
			Opened opened = open(candidate);
			try {
				TrueTypeFont font = opened.font();
				if (font instanceof OpenTypeFont otf && otf.isPostScript() || !font.getTableMap().containsKey("glyf")) {
					log.info("Agreement font {} has CFF outlines, which the PDF library cannot subset: skipped", candidate);
					return Optional.empty();
				}
				var cmap = font.getUnicodeCmapLookup();
				for (int cp : "人民调解协议书签名".codePoints().toArray()) {
					if (cmap == null || cmap.getGlyphId(cp) == 0) {
						log.info("Agreement font {} lacks Chinese characters: skipped", candidate);
						return Optional.empty();
					}
				}
				return Optional.of(new Face(candidate, font.getName()));
			}
			finally {
				opened.closer().close();
			}
		}
		catch (IOException | RuntimeException unreadable) {
			log.info("Agreement font {} cannot be read ({}): skipped", candidate, unreadable.getMessage());
			return Optional.empty();
		}
	}

	/** A font file, a face of a collection ({@code path#Name}), or a file on the class path. */
	private static Opened open(String candidate) throws IOException {
		String path = candidate.contains("#") ? candidate.substring(0, candidate.indexOf('#')) : candidate;
		String face = candidate.contains("#") ? candidate.substring(candidate.indexOf('#') + 1) : null;
		if (path.startsWith("classpath:")) {
			try (InputStream in = new ClassPathResource(path.substring("classpath:".length())).getInputStream()) {
				TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
				return new Opened(font, font::close);
			}
		}
		if (path.toLowerCase(java.util.Locale.ROOT).endsWith(".ttc") || face != null) {
			TrueTypeCollection collection = new TrueTypeCollection(new File(path));
			List<String> names = new ArrayList<>();
			collection.processAllFonts(f -> names.add(f.getName()));
			TrueTypeFont font = face == null ? null : collection.getFontByName(face);
			if (font == null) {
				collection.close();
				throw new IOException("no face " + face + " in the collection (it has " + names + ")");
			}
			return new Opened(font, collection::close);
		}
		TrueTypeFont font = new TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBufferedFile(new File(path)));
		return new Opened(font, font::close);
	}

}
