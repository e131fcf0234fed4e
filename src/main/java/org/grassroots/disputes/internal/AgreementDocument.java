package org.grassroots.disputes.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDCIDFontType2;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.grassroots.disputes.internal.DisputeCase.Mediator;
import org.grassroots.disputes.internal.DisputeCase.Party;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The mediation agreement (人民调解协议书) of a settled case as an A4 PDF, after the Ministry of Justice's model text:
 * the parties with their addresses, the facts and matters in dispute, what was agreed (each sum of money also in
 * capital numerals), how and by when it is performed, the clause on effect and copies (一式三份), then a line to sign
 * and date for every party, for every mediator under their real standing (人民调解员 only for a member of a mediation
 * committee; a lawyer as 律师, a cadre by their post) and for the recorder, and the committee's seal with the date in
 * Chinese (二〇二六年十二月四日). Set in a Song face when the machine has one ({@link AgreementFonts}), embedded as a
 * subset, so the document prints the same everywhere.
 */
@Component
public class AgreementDocument {

	static final float MARGIN_X = 78;
	static final float MARGIN_TOP = 76;
	static final float MARGIN_BOTTOM = 70;
	static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN_X;
	static final float BODY = 13;

	private final AgreementFonts fonts;
	private final MessageSource messages;

	AgreementDocument(AgreementFonts fonts, MessageSource messages) {
		this.fonts = fonts;
		this.messages = messages;
	}

	/** How a mediator signs: 人民调解员, 律师（青山律师事务所）, 县级工作人员 … (always in Chinese: it is the legal text). */
	public String standing(Mediator m) {
		String title = zh(switch (m.kind()) {
			case MEDIATOR -> "dispute.mediator.MEDIATOR";
			case CADRE -> m.role() == null ? "dispute.mediator.CADRE" : "role." + m.role();
			default -> "dispute.mediator." + m.kind();
		});
		return m.kind() != Mediator.Kind.MEDIATOR && m.kind() != Mediator.Kind.CADRE && m.organisation() != null
				? title + "（" + m.organisation() + "）" : title;
	}

	private String zh(String key) {
		return messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE);
	}

	private static String role(Party p) {
		return switch (p.role()) {
			case APPLICANT -> "申请人";
			case RESPONDENT -> "被申请人";
			default -> "其他当事人";
		};
	}

	public byte[] render(DisputeCase c) {
		try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream();
				AgreementFonts.Loaded faces = fonts.load(doc)) {
			PDDocumentInformation info = doc.getDocumentInformation();
			info.setTitle("人民调解协议书 " + c.caseNumber);
			info.setSubject(c.committee);
			info.setCreator("Grassroots 基层智治");
			Typesetter t = new Typesetter(doc, faces.body(), faces.fallback());
			t.title("人民调解协议书");
			t.gap(4);
			t.right("编号：" + c.caseNumber, 11);
			t.gap(10);
			for (Party p : c.parties) {
				StringBuilder line = new StringBuilder(p.name());
				if (p.address() != null) {
					line.append("，住址：").append(p.address());
				}
				if (p.phoneMasked() != null) {
					line.append("，联系电话：").append(p.phoneMasked());
				}
				t.labelled("当事人（" + role(p) + "）：", line.toString());
			}
			if (c.parties.isEmpty()) {
				t.labelled("当事人：", "");
			}
			t.gap(8);
			t.heading("纠纷主要事实、争议事项：");
			t.paragraph(c.summary);
			t.gap(6);
			t.heading("经调解，自愿达成如下协议：");
			t.paragraph(ChineseNumerals.withAmountsInWords(c.agreementText));
			t.gap(6);
			t.heading("履行方式、时限：");
			t.paragraph("按上述协议约定的方式和期限履行。" + (c.followUpDue == null ? ""
					: "人民调解委员会将于" + ChineseNumerals.date(c.followUpDue) + "前回访，了解协议履行情况。"));
			t.gap(6);
			t.paragraph("本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效，具有法律约束力，"
					+ "当事人应当按照约定履行。");
			int copies = Math.max(1, c.parties.size()) + 1;
			t.paragraph("本协议一式" + ChineseNumerals.count(copies) + "份，当事人各执一份，人民调解委员会留存一份。");
			t.right("（以下无正文）", 11);

			List<String[]> signatures = new ArrayList<>();
			for (Party p : c.parties) {
				signatures.add(new String[] {"当事人（" + role(p) + "）", p.name(), "签名/捺印"});
			}
			boolean peoplesMediator = false;
			for (Mediator m : c.mediators) {
				peoplesMediator |= m.peoplesMediator();
				signatures.add(new String[] {standing(m), m.name(), "签名"});
			}
			if (!peoplesMediator) {
				// the agreement takes effect only with a people's mediator's signature: the line is there to be signed by hand
				signatures.add(new String[] {zh("dispute.mediator.MEDIATOR"), "", "签名"});
			}
			signatures.add(new String[] {"记录人", "", "签名"});
			t.signatures(signatures, c.committee, c.closedOn == null ? "　　　　年　　月　　日" : ChineseNumerals.date(c.closedOn));
			t.close();
			t.number();
			doc.save(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A stretch of text set in one font. */
	private record Run(PDFont font, String text) {
	}

	/** Lays out lines top to bottom, starting a new page when the current one is full. */
	private static final class Typesetter {

		/** Characters a line must not begin with, and ones it must not end with (避头尾). */
		private static final String NO_START = "，。、；：？！）》」』”’…—%·,.;:?!)";
		private static final String NO_END = "（《「『“‘(";

		private final PDDocument doc;
		private final PDType0Font body;
		private final PDType0Font fallback;
		private final IntPredicate bodyHas;
		private final IntPredicate fallbackHas;
		private final PDFont latin = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
		private PDPageContentStream stream;
		private float y;

		Typesetter(PDDocument doc, PDType0Font body, PDType0Font fallback) throws IOException {
			this.doc = doc;
			this.body = body;
			this.fallback = fallback;
			this.bodyHas = has(body);
			this.fallbackHas = has(fallback);
			newPage();
		}

		private static IntPredicate has(PDType0Font font) throws IOException {
			var cmap = ((PDCIDFontType2) font.getDescendantFont()).getTrueTypeFont().getUnicodeCmapLookup();
			return cp -> cmap != null && cmap.getGlyphId(cp) != 0;
		}

		private void newPage() throws IOException {
			if (stream != null) {
				stream.close();
			}
			PDPage page = new PDPage(PDRectangle.A4);
			doc.addPage(page);
			stream = new PDPageContentStream(doc, page);
			y = PDRectangle.A4.getHeight() - MARGIN_TOP;
		}

		/** Room for {@code height} more points on this page, else the next page. */
		private void need(float height) throws IOException {
			if (y - height < MARGIN_BOTTOM) {
				newPage();
			}
		}

		void gap(float points) {
			y -= points;
		}

		/** The title: larger, letter-spaced and stroked a little to stand bold (the faces have one weight). */
		void title(String text) throws IOException {
			float size = 22;
			float spacing = 6;
			float width = width(text, size) + spacing * (text.length() - 1);
			need(size * 2);
			y -= size * 1.4f;
			show(text, (PDRectangle.A4.getWidth() - width) / 2, y, size, spacing, true);
			y -= size * 0.6f;
		}

		void right(String text, float size) throws IOException {
			need(size * 1.8f);
			y -= size * 1.8f;
			show(text, PDRectangle.A4.getWidth() - MARGIN_X - width(text, size), y, size, 0, false);
		}

		void heading(String text) throws IOException {
			need(BODY * 1.9f * 2);
			y -= BODY * 1.9f;
			show(text, MARGIN_X, y, BODY, 0, true);
		}

		/** A label in bold followed by text that wraps under it: a party with its address and phone. */
		void labelled(String label, String text) throws IOException {
			float labelWidth = width(label, BODY);
			List<String> lines = lines(text, WIDTH - labelWidth, WIDTH - labelWidth);
			for (int i = 0; i < lines.size(); i++) {
				need(BODY * 1.9f);
				y -= BODY * 1.9f;
				if (i == 0) {
					show(label, MARGIN_X, y, BODY, 0, true);
				}
				show(lines.get(i), MARGIN_X + labelWidth, y, BODY, justify(lines, i, WIDTH - labelWidth), false);
			}
		}

		/** A paragraph indented by two characters, broken at any character (Chinese has no spaces) and justified. */
		void paragraph(String text) throws IOException {
			for (String para : (text == null ? "" : text).replace("\r", "").split("\n")) {
				String stripped = para.strip();
				if (stripped.isEmpty()) {
					continue;
				}
				float indent = BODY * 2;
				List<String> lines = lines(stripped, WIDTH - indent, WIDTH);
				for (int i = 0; i < lines.size(); i++) {
					need(BODY * 1.9f);
					y -= BODY * 1.9f;
					float x = MARGIN_X + (i == 0 ? indent : 0);
					show(lines.get(i), x, y, BODY, justify(lines, i, i == 0 ? WIDTH - indent : WIDTH), false);
				}
			}
		}

		/** The character spacing that fills the measure, for every line but a paragraph's last; never more than a third of a character. */
		private float justify(List<String> lines, int i, float measure) throws IOException {
			String line = lines.get(i);
			int chars = line.codePointCount(0, line.length());
			if (i == lines.size() - 1 || chars < 2) {
				return 0;
			}
			float spare = measure - width(line, BODY);
			return spare <= 0 ? 0 : Math.min(spare / (chars - 1), BODY / 3);
		}

		/**
		 * The text cut into lines of the measure: between any two Chinese characters, but never inside a run of Latin
		 * letters and digits (a phone number, a case number, a sum), and keeping closing punctuation off a line's start
		 * and opening punctuation off its end (避头尾).
		 */
		private List<String> lines(String text, float first, float rest) throws IOException {
			List<String> lines = new ArrayList<>();
			List<String> current = new ArrayList<>();
			float measure = first;
			for (String token : tokens(text)) {
				if (!current.isEmpty() && width(String.join("", current) + token, BODY) > measure) {
					List<String> carried = new ArrayList<>();
					// a closing mark may not start the next line, an opening one may not end this one: carry a token over
					if (NO_START.contains(token) && current.size() > 1) {
						carried.add(0, current.remove(current.size() - 1));
					}
					while (current.size() > 1 && NO_END.contains(current.get(current.size() - 1))) {
						carried.add(0, current.remove(current.size() - 1));
					}
					lines.add(String.join("", current));
					current = carried;
					measure = rest;
				}
				current.add(token);
			}
			lines.add(String.join("", current));
			return lines;
		}

		/** Each character on its own, except runs of printable ASCII but the space (kept whole unless longer than a line). */
		private List<String> tokens(String text) throws IOException {
			List<String> tokens = new ArrayList<>();
			StringBuilder word = new StringBuilder();
			for (int i = 0; i < text.length();) {
				int cp = text.codePointAt(i);
				i += Character.charCount(cp);
				if (cp > 0x20 && cp < 0x7F && !NO_START.contains(Character.toString(cp))) {
					word.appendCodePoint(cp);
					continue;
				}
				if (cp > 0x20 && cp < 0x7F && word.length() > 0) {
					// a comma or full stop after a number stays with it
					word.appendCodePoint(cp);
					continue;
				}
				flush(word, tokens);
				tokens.add(new String(Character.toChars(cp)));
			}
			flush(word, tokens);
			return tokens;
		}

		private void flush(StringBuilder word, List<String> tokens) throws IOException {
			if (word.length() == 0) {
				return;
			}
			if (width(word.toString(), BODY) > WIDTH * 0.6f) {
				word.codePoints().forEach(cp -> tokens.add(Character.toString(cp)));
			}
			else {
				tokens.add(word.toString());
			}
			word.setLength(0);
		}

		/**
		 * A row to sign for each signatory: their standing small above their name, "签名" (or "签名/捺印" for a party) with a
		 * rule, and a date to fill in (＿年＿月＿日). Rows go on to the next page when this one is full; the last one stays
		 * with the committee's seal line and the date beneath it.
		 */
		void signatures(List<String[]> signatories, String committee, String date) throws IOException {
			float row = BODY * 2.7f;
			float seal = BODY * 6;
			y -= BODY;
			float nameX = MARGIN_X;
			float signX = MARGIN_X + 168;
			float dateX = PDRectangle.A4.getWidth() - MARGIN_X - 112;
			for (int i = 0; i < signatories.size(); i++) {
				String[] s = signatories.get(i);
				need(row + (i == signatories.size() - 1 ? seal : 0));
				y -= row;
				float standingSize = Math.min(9.5f, 9.5f * (signX - nameX - 8) / Math.max(1, width(s[0], 9.5f)));
				if (s[1].isEmpty()) {
					// nobody named (the recorder, a mediator to sign by hand): the standing alone, on the line
					show(s[0], nameX, y, Math.min(BODY, standingSize * BODY / 9.5f), 0, false);
				}
				else {
					show(s[0], nameX, y + BODY * 1.15f, standingSize, 0, false);
					show(s[1], nameX, y, BODY, 0, false);
				}
				String label = s[2] + "：";
				show(label, signX, y, 10, 0, false);
				rule(signX + width(label, 10) + 2, dateX - 14, y - 3);
				float x = dateX;
				for (String[] part : new String[][] {{"36", "年"}, {"20", "月"}, {"20", "日"}}) {
					float blank = Float.parseFloat(part[0]);
					rule(x, x + blank, y - 3);
					x += blank + 1;
					show(part[1], x, y, 11, 0, false);
					x += 12;
				}
			}
			y -= BODY * 3.2f;
			String sealLine = committee + "（印章）";
			float sealWidth = width(sealLine, BODY);
			float sealX = PDRectangle.A4.getWidth() - MARGIN_X - Math.max(sealWidth, width(date, BODY)) - BODY;
			show(sealLine, sealX, y, BODY, 0, false);
			y -= BODY * 2;
			show(date, sealX + (sealWidth - width(date, BODY)) / 2, y, BODY, 0, false);
		}

		private void rule(float from, float to, float at) throws IOException {
			stream.setLineWidth(0.6f);
			stream.moveTo(from, at);
			stream.lineTo(to, at);
			stream.stroke();
		}

		/** Page numbers at the foot once every page is laid: 第 1 页 共 2 页. */
		void number() throws IOException {
			int total = doc.getNumberOfPages();
			for (int i = 0; i < total; i++) {
				PDPage page = doc.getPage(i);
				try (PDPageContentStream foot = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
					stream = foot;
					String text = "第 " + (i + 1) + " 页　共 " + total + " 页";
					show(text, (PDRectangle.A4.getWidth() - width(text, 9)) / 2, MARGIN_BOTTOM / 2, 9, 0, false);
				}
			}
			stream = null;
		}

		private void show(String text, float x, float at, float size, float spacing, boolean bold) throws IOException {
			if (text.isEmpty()) {
				return;
			}
			stream.beginText();
			if (bold) {
				stream.setRenderingMode(RenderingMode.FILL_STROKE);
				stream.setLineWidth(size / 30);
			}
			stream.setCharacterSpacing(spacing);
			stream.newLineAtOffset(x, at);
			for (Run run : runs(text)) {
				stream.setFont(run.font(), size);
				stream.showText(run.text());
			}
			stream.setCharacterSpacing(0);
			if (bold) {
				stream.setRenderingMode(RenderingMode.FILL);
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

		/** The text cut into runs by the font that has each character: the body face, else the fallback, else Times, else "?". */
		private List<Run> runs(String text) {
			List<Run> runs = new ArrayList<>();
			StringBuilder current = new StringBuilder();
			PDFont font = null;
			for (int i = 0; i < text.length();) {
				int cp = text.codePointAt(i);
				i += Character.charCount(cp);
				String ch = cp == '\t' ? " " : new String(Character.toChars(cp));
				int c = ch.codePointAt(0);
				PDFont wanted = bodyHas.test(c) ? body : fallbackHas.test(c) ? fallback : inLatin(ch) ? latin : null;
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
