package org.grassroots.shell;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An .xlsx workbook written as its rows come: each row goes to the sheet's XML inside the zip at once, so memory does
 * not grow with the rows and the first bytes leave before the last row is read. Strings are inline (no shared-string
 * table to hold), dates are real date cells in Beijing time. The widths of the columns come from the header and the
 * first rows (kept back until {@link #WIDTH_ROWS} have come, or the end). Beyond {@link #ROWS_PER_SHEET} data rows a
 * sheet continues on the next one ("name (2)"), with the same title and header: a spreadsheet holds 1,048,576 rows.
 */
final class XlsxStream implements AutoCloseable {

	/** Rows looked at for the columns' widths before the sheet is begun. */
	static final int WIDTH_ROWS = 200;

	static final int ROWS_PER_SHEET = 1_000_000;

	/** The longest text a cell holds. */
	private static final int CELL_LIMIT = 32_767;

	private static final long EXCEL_EPOCH_DAY = LocalDate.of(1899, 12, 30).toEpochDay();

	// styles, by their index in styles.xml's cellXfs
	private static final int BOLD = 1, HEADING = 2, DATE_TIME = 3, DATE = 4;

	private final int rowsPerSheet;
	private final ZipOutputStream zip;
	private final Writer out;
	private final String sheetName;
	private final String title;
	private final List<String> headers;
	private final int[] widths;
	private final List<Object[]> held = new ArrayList<>();
	private final List<String> sheetNames = new ArrayList<>();
	private boolean begun;
	private boolean sheetOpen;
	private int rowInSheet;
	private int rowNumber;
	private long rows;

	XlsxStream(OutputStream target, String sheetName, String title, List<String> headers) {
		this(target, sheetName, title, headers, ROWS_PER_SHEET);
	}

	XlsxStream(OutputStream target, String sheetName, String title, List<String> headers, int rowsPerSheet) {
		this.rowsPerSheet = rowsPerSheet;
		this.zip = new FlushingZip(target);
		this.zip.setLevel(Deflater.BEST_SPEED);
		this.out = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 16 * 1024);
		this.sheetName = sheetName(sheetName);
		this.title = title;
		this.headers = headers;
		this.widths = new int[headers.size()];
		for (int c = 0; c < headers.size(); c++) {
			widths[c] = width(headers.get(c));
		}
	}

	/** Data rows written (or held) so far. */
	long rows() {
		return rows;
	}

	/** One record's cells: numbers, {@link Instant}s, {@link LocalDate}s, {@link LocalDateTime}s, or anything as text. */
	void row(Object[] values) throws IOException {
		rows++;
		if (!begun) {
			held.add(values);
			for (int c = 0; c < Math.min(values.length, widths.length); c++) {
				widths[c] = Math.max(widths[c], width(values[c]));
			}
			if (held.size() >= WIDTH_ROWS) {
				begin();
			}
			return;
		}
		write(values);
	}

	/** Sends what has been written so far on its way, what the compressor held back included. */
	void flush() throws IOException {
		if (!begun) {
			begin();
		}
		out.flush();
		zip.flush();
	}

	private void begin() throws IOException {
		begun = true;
		for (Object[] values : held) {
			write(values);
		}
		held.clear();
	}

	private void write(Object[] values) throws IOException {
		if (!sheetOpen || rowInSheet >= rowsPerSheet) {
			if (sheetOpen) {
				endSheet();
			}
			startSheet();
		}
		rowInSheet++;
		writeRow(values, -1);
	}

	private void startSheet() throws IOException {
		int n = sheetNames.size() + 1;
		sheetNames.add(n == 1 ? sheetName : sheetName(sheetName + " (" + n + ")"));
		zip.putNextEntry(new ZipEntry("xl/worksheets/sheet" + n + ".xml"));
		int headerRow = title == null ? 1 : 2;
		out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
				+ "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
				+ "<sheetViews><sheetView workbookViewId=\"0\"" + (n == 1 ? " tabSelected=\"1\"" : "") + "><pane ySplit=\"" + headerRow
				+ "\" topLeftCell=\"A" + (headerRow + 1) + "\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
				+ "<sheetFormatPr defaultRowHeight=\"15\"/><cols>");
		for (int c = 0; c < widths.length; c++) {
			out.write("<col min=\"" + (c + 1) + "\" max=\"" + (c + 1) + "\" width=\"" + Math.min(60, Math.max(6, widths[c] + 2))
					+ "\" customWidth=\"1\"/>");
		}
		out.write("</cols><sheetData>");
		sheetOpen = true;
		rowInSheet = 0;
		rowNumber = 0;
		if (title != null) {
			writeRow(new Object[] { title }, HEADING);
		}
		writeRow(headers.toArray(), BOLD);
	}

	private void endSheet() throws IOException {
		out.write("</sheetData>");
		if (title != null && widths.length > 1) {
			out.write("<mergeCells count=\"1\"><mergeCell ref=\"A1:" + column(widths.length - 1) + "1\"/></mergeCells>");
		}
		out.write("</worksheet>");
		out.flush();
		zip.closeEntry();
		sheetOpen = false;
	}

	private void writeRow(Object[] values, int style) throws IOException {
		rowNumber++;
		out.write("<row r=\"");
		out.write(Integer.toString(rowNumber));
		out.write("\">");
		for (int c = 0; c < values.length; c++) {
			Object value = values[c];
			if (value == null) {
				continue;
			}
			String ref = column(c) + rowNumber;
			if (value instanceof Number number && style < 0) {
				out.write("<c r=\"" + ref + "\"><v>" + number(number) + "</v></c>");
			}
			else if (value instanceof Instant at && style < 0) {
				out.write("<c r=\"" + ref + "\" s=\"" + DATE_TIME + "\"><v>" + serial(LocalDateTime.ofInstant(at, CountyTime.ZONE)) + "</v></c>");
			}
			else if (value instanceof LocalDateTime at && style < 0) {
				out.write("<c r=\"" + ref + "\" s=\"" + DATE_TIME + "\"><v>" + serial(at) + "</v></c>");
			}
			else if (value instanceof LocalDate day && style < 0) {
				out.write("<c r=\"" + ref + "\" s=\"" + DATE + "\"><v>" + (day.toEpochDay() - EXCEL_EPOCH_DAY) + "</v></c>");
			}
			else {
				String text = value.toString();
				if (text.isEmpty()) {
					continue;
				}
				out.write("<c r=\"" + ref + "\" t=\"inlineStr\"" + (style > 0 ? " s=\"" + style + "\"" : "") + "><is><t xml:space=\"preserve\">");
				escape(text.length() > CELL_LIMIT ? text.substring(0, CELL_LIMIT) : text);
				out.write("</t></is></c>");
			}
		}
		out.write("</row>");
	}

	/** Ends the workbook: the last sheet, then the parts that name the sheets. Closes the target too. */
	@Override
	public void close() throws IOException {
		if (!begun) {
			begin();
		}
		if (!sheetOpen) {
			startSheet();
		}
		endSheet();
		part("[Content_Types].xml", contentTypes());
		part("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
				+ "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
				+ "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
				+ "</Relationships>");
		StringBuilder workbook = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
				+ "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
				+ "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
		StringBuilder rels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
				+ "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
		for (int i = 0; i < sheetNames.size(); i++) {
			workbook.append("<sheet name=\"").append(attribute(sheetNames.get(i))).append("\" sheetId=\"").append(i + 1)
				.append("\" r:id=\"rId").append(i + 1).append("\"/>");
			rels.append("<Relationship Id=\"rId").append(i + 1)
				.append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet")
				.append(i + 1).append(".xml\"/>");
		}
		workbook.append("</sheets></workbook>");
		int styles = sheetNames.size() + 1;
		rels.append("<Relationship Id=\"rId").append(styles)
			.append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>")
			.append("</Relationships>");
		part("xl/workbook.xml", workbook.toString());
		part("xl/_rels/workbook.xml.rels", rels.toString());
		part("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
				+ "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
				+ "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd hh:mm\"/><numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
				+ "<fonts count=\"3\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font>"
				+ "<font><b/><sz val=\"14\"/><name val=\"Calibri\"/></font></fonts>"
				+ "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
				+ "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
				+ "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
				+ "<cellXfs count=\"5\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
				+ "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
				+ "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
				+ "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
				+ "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
				+ "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>");
		out.flush();
		zip.close();
	}

	private String contentTypes() {
		StringBuilder types = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
				+ "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
				+ "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
				+ "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
				+ "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
				+ "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
		for (int i = 1; i <= sheetNames.size(); i++) {
			types.append("<Override PartName=\"/xl/worksheets/sheet").append(i)
				.append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
		}
		return types.append("</Types>").toString();
	}

	private void part(String name, String xml) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		out.write(xml);
		out.flush();
		zip.closeEntry();
	}

	/** Text as XML character data; characters XML 1.0 cannot hold (most control characters) are left out. */
	private void escape(String text) throws IOException {
		for (int i = 0; i < text.length(); i++) {
			char ch = text.charAt(i);
			switch (ch) {
				case '<' -> out.write("&lt;");
				case '>' -> out.write("&gt;");
				case '&' -> out.write("&amp;");
				default -> {
					if (ch >= 0x20 && ch != 0xFFFE && ch != 0xFFFF || ch == '\t' || ch == '\n' || ch == '\r') {
						out.write(ch);
					}
				}
			}
		}
	}

	private static String attribute(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	/** A sheet's name as a spreadsheet takes it: none of : \ / ? * [ ], at most 31 characters. */
	private static String sheetName(String name) {
		String clean = name == null || name.isBlank() ? "Sheet1" : name.replaceAll("[:\\\\/?*\\[\\]]", " ");
		return clean.length() > 31 ? clean.substring(0, 31) : clean;
	}

	private static String number(Number number) {
		if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
			return number.toString();
		}
		double d = number.doubleValue();
		return Double.isFinite(d) ? (d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d)) : "0";
	}

	private static String serial(LocalDateTime at) {
		double serial = (at.toLocalDate().toEpochDay() - EXCEL_EPOCH_DAY) + at.toLocalTime().toSecondOfDay() / 86_400.0;
		return Double.toString(serial);
	}

	/**
	 * A zip whose flush sends on what the compressor holds (a sync flush, as zlib names it): a plain zip keeps it until
	 * its buffers fill, and the first rows of a large ledger would wait for many more.
	 */
	private static final class FlushingZip extends ZipOutputStream {

		private boolean inEntry;

		FlushingZip(OutputStream out) {
			super(out, StandardCharsets.UTF_8);
		}

		@Override
		public void putNextEntry(ZipEntry entry) throws IOException {
			super.putNextEntry(entry);
			inEntry = true;
		}

		@Override
		public void closeEntry() throws IOException {
			super.closeEntry();
			inEntry = false;
		}

		@Override
		public void flush() throws IOException {
			if (inEntry && !def.finished()) {
				int length;
				while ((length = def.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
					out.write(buf, 0, length);
				}
			}
			out.flush();
		}

	}

	static String column(int index) {
		StringBuilder name = new StringBuilder();
		for (int n = index + 1; n > 0; n = (n - 1) / 26) {
			name.insert(0, (char) ('A' + (n - 1) % 26));
		}
		return name.toString();
	}

	private static int width(Object value) {
		if (value == null) {
			return 0;
		}
		if (value instanceof Instant || value instanceof LocalDateTime) {
			return 16;
		}
		if (value instanceof LocalDate) {
			return 10;
		}
		return width(value.toString());
	}

	/** How wide a text shows in a spreadsheet: a Chinese (full-width) character takes two columns. */
	static int width(String text) {
		int w = 0;
		for (int i = 0; i < Math.min(text.length(), 200); i++) {
			w += text.charAt(i) > 0x2E7F ? 2 : 1;
		}
		return w;
	}

}
