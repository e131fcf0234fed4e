package org.grassroots.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.xml.parsers.SAXParser;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the first sheet of an uploaded .xlsx as rows of text, streaming, with limits checked while reading: a
 * workbook that unpacks to more rows, columns or characters than the limits, or takes too long, is refused part-way
 * ({@link TooLarge}) instead of being built in memory. Nothing here holds the whole sheet's XML or a cell model:
 * the sheet is parsed by SAX from a temporary file, the shared strings are counted before they are loaded, and each
 * zip entry may unpack to at most {@link #MAX_ENTRY_BYTES}. Date cells read as {@code yyyy-MM-dd HH:mm:ss}.
 */
public final class SheetReader {

	/** No single part of a workbook (the sheet, the shared strings) unpacks to more than this. */
	public static final long MAX_ENTRY_BYTES = 48L * 1024 * 1024;

	static {
		// POI's own zip-bomb guard, checked while each entry is inflated; the ratio check stays at its default
		ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
	}

	/** How much one import may read. */
	public record Limits(int maxRows, int maxColumns, long maxCharacters, Duration maxTime) {
	}

	/** The workbook is larger than the limits allow; {@code what} is rows, columns, characters, time or entry. */
	public static final class TooLarge extends RuntimeException {

		private final String what;

		public TooLarge(String what) {
			super("workbook exceeds the " + what + " limit");
			this.what = what;
		}

		public String what() {
			return what;
		}

	}

	/** Not a readable .xlsx workbook. */
	public static final class Unreadable extends IOException {

		Unreadable(Throwable cause) {
			super("not a readable workbook", cause);
		}

	}

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private SheetReader() {
	}

	/** The first sheet's rows (row 0 is the header if the sheet has one), each as many cells as it has, as text. */
	public static List<List<String>> firstSheet(byte[] xlsx, Limits limits, Clock clock) throws IOException {
		Path file = Files.createTempFile("grassroots-sheet", ".xlsx");
		try {
			Files.write(file, xlsx);
			try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
				return read(pkg, limits, clock);
			}
			catch (TooLarge ex) {
				throw ex;
			}
			catch (OpenXML4JException | SAXException | IOException | RuntimeException ex) {
				if (isEntryTooLarge(ex)) {
					throw new TooLarge("entry");
				}
				throw new Unreadable(ex);
			}
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private static boolean isEntryTooLarge(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t.getMessage() != null && (t.getMessage().contains("Zip bomb") || t.getMessage().contains("MAX_ENTRY_SIZE")
					|| t.getMessage().contains("max entry size"))) {
				return true;
			}
			if (t instanceof TooLarge) {
				return true;
			}
		}
		return false;
	}

	private static List<List<String>> read(OPCPackage pkg, Limits limits, Clock clock)
			throws IOException, OpenXML4JException, SAXException {
		Instant deadline = clock.instant().plus(limits.maxTime());
		XSSFReader reader = new XSSFReader(pkg);
		countSharedStrings(pkg, limits);
		ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
		Rows rows = new Rows(limits, clock, deadline);
		XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
		if (!sheets.hasNext()) {
			return List.of();
		}
		try (InputStream sheet = sheets.next()) {
			XMLReader parser = XMLHelper.newXMLReader();
			parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, rows, new Dates(), false));
			parser.parse(new InputSource(sheet));
		}
		catch (javax.xml.parsers.ParserConfigurationException ex) {
			throw new IllegalStateException(ex);
		}
		return rows.rows;
	}

	/** The shared strings' characters, counted by SAX before they are loaded, so that they cannot exceed the budget. */
	private static void countSharedStrings(OPCPackage pkg, Limits limits) throws IOException, SAXException {
		List<PackagePart> parts = pkg.getPartsByContentType(
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml");
		long[] characters = {0};
		for (PackagePart part : parts) {
			try (InputStream in = part.getInputStream()) {
				SAXParser sax = XMLHelper.getSaxParserFactory().newSAXParser();
				sax.parse(in, new DefaultHandler() {
					@Override
					public void characters(char[] ch, int start, int length) {
						characters[0] += length;
						if (characters[0] > limits.maxCharacters()) {
							throw new TooLarge("characters");
						}
					}

					@Override
					public void startElement(String uri, String localName, String qName, Attributes attributes) {
					}
				});
			}
			catch (javax.xml.parsers.ParserConfigurationException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	/** Collects rows while checking every limit. */
	private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

		private final Limits limits;
		private final Clock clock;
		private final Instant deadline;
		private final List<List<String>> rows = new ArrayList<>();
		private long characters;
		private List<String> row;

		Rows(Limits limits, Clock clock, Instant deadline) {
			this.limits = limits;
			this.clock = clock;
			this.deadline = deadline;
		}

		@Override
		public void startRow(int rowNum) {
			if (rowNum > limits.maxRows()) {
				throw new TooLarge("rows");
			}
			if ((rowNum & 255) == 0 && clock.instant().isAfter(deadline)) {
				throw new TooLarge("time");
			}
			// rows left out of the sheet (empty) keep their place, so row numbers stay the sheet's
			while (rows.size() < rowNum) {
				rows.add(Collections.emptyList());
			}
			row = new ArrayList<>();
		}

		@Override
		public void endRow(int rowNum) {
			rows.add(row);
		}

		@Override
		public void cell(String reference, String value, XSSFComment comment) {
			int column = reference == null ? row.size() : new CellReference(reference).getCol();
			if (column >= limits.maxColumns()) {
				throw new TooLarge("columns");
			}
			String text = value == null ? "" : value.strip();
			characters += text.length();
			if (characters > limits.maxCharacters()) {
				throw new TooLarge("characters");
			}
			while (row.size() < column) {
				row.add("");
			}
			row.add(text);
		}

	}

	/** Formats date cells one way, whatever the cell's own format says. */
	private static final class Dates extends DataFormatter {

		@Override
		public String formatRawCellContents(double value, int formatIndex, String formatString) {
			if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
				LocalDateTime at = DateUtil.getLocalDateTime(value);
				return DATE_TIME.format(at);
			}
			return super.formatRawCellContents(value, formatIndex, formatString);
		}

	}

}
