package org.grassroots.disputes.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.grassroots.disputes.internal.DisputeCase.Party;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The mediation agreement (人民调解协议书) of a settled case as an A4 PDF, in the layout of the
 * Ministry of Justice's model text: parties, the facts and matters in dispute, what was agreed, the
 * clause on effect and copies, and the lines to sign and seal. The CJK font the project ships (Droid
 * Sans Fallback, Apache-2.0) is embedded as a subset, so the text renders on any reader; it has no
 * Latin letters or digits, which are set in Helvetica.
 */
@Component
public class AgreementDocument {

	private static final String FONT = "fonts/DroidSansFallbackFull.ttf";
	private static final float MARGIN = 64;
	private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

	private final byte[] font;
	private final java.util.function.IntPredicate cjkHas;

	AgreementDocument() {
		try (InputStream in = new ClassPathResource(FONT).getInputStream()) {
			this.font = in.readAllBytes();
			var cmap = new org.apache.fontbox.ttf.TTFParser()
				.parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(font))
				.getUnicodeCmapLookup();
			this.cjkHas = cp -> cmap.getGlyphId(cp) != 0;
		}
		catch (IOException missing) {
			throw new UncheckedIOException("The CJK font " + FONT + " is not on the class path", missing);
		}
	}

	public byte[] render(DisputeCase c, String committee, List<String> mediators) {
		try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDType0Font cjk = PDType0Font.load(doc, new ByteArrayInputStream(font), true);
			PDDocumentInformation info = doc.getDocumentInformation();
			info.setTitle("人民调解协议书 " + c.caseNumber);
			info.setCreator("Grassroots 基层智治");
			Writer w = new Writer(doc, cjk, cjkHas);
			w.centred("人民调解协议书", 20);
			w.gap(6);
			w.right("编号：" + c.caseNumber, 10.5f);
			w.gap(8);
			for (Party p : c.parties) {
				String role = switch (p.role()) {
					case APPLICANT -> "当事人（申请人）";
					case RESPONDENT -> "当事人（被申请人）";
					default -> "其他当事人";
				};
				w.paragraph(role + "：" + p.name() + (p.phoneMasked() == null ? "" : "　联系电话：" + p.phoneMasked()), 12);
			}
			w.gap(8);
			w.heading("纠纷主要事实、争议事项：");
			w.paragraph(c.summary, 12);
			w.gap(8);
			w.heading("经调解，自愿达成如下协议：");
			w.paragraph(c.agreementText, 12);
			w.gap(8);
			w.paragraph("履行方式、时限：按上述协议约定履行。人民调解委员会将于" + date(c.followUpDue) + "前回访，了解协议履行情况。", 12);
			w.paragraph("本协议经各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章后生效，具有法律约束力，"
					+ "当事人应当按照约定履行。本协议一式" + (c.parties.size() + 1) + "份，当事人各执一份，人民调解委员会留存一份。", 12);
			w.gap(18);
			for (Party p : c.parties) {
				w.paragraph("当事人（签名）：" + p.name() + "　　__________", 12);
			}
			w.paragraph("人民调解员（签名）：" + (mediators.isEmpty() ? "__________" : String.join("、", mediators)), 12);
			w.paragraph("记录人（签名）：__________", 12);
			w.gap(18);
			w.right(committee + "（印章）", 12);
			w.right(date(c.closedOn), 12);
			w.close();
			doc.save(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String date(LocalDate d) {
		return d == null ? "　　年　　月　　日" : d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
	}

	/** A stretch of text set in one font. */
	private record Run(PDFont font, String text) {
	}

	/** Lays out lines top to bottom, starting a new page when the current one is full. */
	private static final class Writer {

		private final PDDocument doc;
		private final PDType0Font cjk;
		private final java.util.function.IntPredicate cjkHas;
		private final PDFont latin = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
		private PDPageContentStream stream;
		private float y;

		Writer(PDDocument doc, PDType0Font cjk, java.util.function.IntPredicate cjkHas) throws IOException {
			this.doc = doc;
			this.cjk = cjk;
			this.cjkHas = cjkHas;
			newPage();
		}

		private void newPage() throws IOException {
			if (stream != null) {
				stream.close();
			}
			PDPage page = new PDPage(PDRectangle.A4);
			doc.addPage(page);
			stream = new PDPageContentStream(doc, page);
			y = PDRectangle.A4.getHeight() - MARGIN;
		}

		void gap(float points) {
			y -= points;
		}

		void heading(String text) throws IOException {
			paragraph(text, 12.5f);
		}

		void centred(String text, float size) throws IOException {
			line(text, (PDRectangle.A4.getWidth() - width(text, size)) / 2, size);
		}

		void right(String text, float size) throws IOException {
			line(text, PDRectangle.A4.getWidth() - MARGIN - width(text, size), size);
		}

		/** Text broken into lines that fit the width, at any character (Chinese has no spaces to break at). */
		void paragraph(String text, float size) throws IOException {
			for (String para : (text == null ? "" : text).replace("\r", "").split("\n")) {
				StringBuilder current = new StringBuilder();
				for (int i = 0; i < para.length();) {
					int cp = para.codePointAt(i);
					String ch = new String(Character.toChars(cp));
					if (current.length() > 0 && width(current + ch, size) > WIDTH) {
						line(current.toString(), MARGIN, size);
						current.setLength(0);
					}
					current.append(ch);
					i += Character.charCount(cp);
				}
				line(current.toString(), MARGIN, size);
			}
		}

		private void line(String text, float x, float size) throws IOException {
			if (y < MARGIN + size) {
				newPage();
			}
			y -= size * 1.6f;
			stream.beginText();
			stream.newLineAtOffset(x, y);
			for (Run run : runs(text)) {
				stream.setFont(run.font(), size);
				stream.showText(run.text());
			}
			stream.endText();
		}

		private float width(String text, float size) throws IOException {
			float width = 0;
			for (Run run : runs(text)) {
				width += run.font().getStringWidth(run.text()) / 1000 * size;
			}
			return width;
		}

		/** The text cut into runs by the font that has each character: CJK, else Helvetica, else "?". */
		private List<Run> runs(String text) {
			List<Run> runs = new ArrayList<>();
			StringBuilder current = new StringBuilder();
			PDFont font = null;
			for (int i = 0; i < text.length();) {
				int cp = text.codePointAt(i);
				i += Character.charCount(cp);
				String ch = cp == '\t' ? " " : new String(Character.toChars(cp));
				PDFont wanted = cjkHas.test(ch.codePointAt(0)) ? cjk : inLatin(ch) ? latin : null;
				if (wanted == null) {
					wanted = latin;
					ch = "?";
				}
				if (wanted != font && current.length() > 0) {
					runs.add(new Run(font, current.toString()));
					current.setLength(0);
				}
				font = wanted;
				current.append(ch);
			}
			if (current.length() > 0) {
				runs.add(new Run(font, current.toString()));
			}
			return runs;
		}

		private boolean inLatin(String ch) {
			try {
				latin.encode(ch);
				return true;
			}
			catch (IOException | IllegalArgumentException noGlyph) {
				return false;
			}
		}

		void close() throws IOException {
			stream.close();
		}

	}

}
