package org.grassroots.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * A ledger (台账): any list exported as an .xlsx workbook — a title row with the area and period where given, a bold,
 * frozen header row, one row per record, columns sized to their content, real dates — and the HTTP download of it.
 */
public final class Ledger {

	public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private Ledger() {
	}

	public record Column<T>(String header, Function<T, Object> value) {
	}

	public static <T> byte[] write(String sheetName, List<Column<T>> columns, List<T> rows) {
		return write(sheetName, null, columns, rows);
	}

	/**
	 * A ledger a township can file as it is: a title row naming the area and the period (when {@code title} is given),
	 * the bold, frozen header row, columns as wide as what they hold (a Chinese character counts twice), and times and dates
	 * as real date cells (Beijing time), numbers as numbers.
	 */
	public static <T> byte[] write(String sheetName, String title, List<Column<T>> columns, List<T> rows) {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(500); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet(sheetName);
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			CellStyle dateTime = workbook.createCellStyle();
			dateTime.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
			CellStyle date = workbook.createCellStyle();
			date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
			int[] widths = new int[columns.size()];
			int r = 0;
			if (title != null) {
				CellStyle heading = workbook.createCellStyle();
				Font large = workbook.createFont();
				large.setBold(true);
				large.setFontHeightInPoints((short) 14);
				heading.setFont(large);
				Row titleRow = sheet.createRow(r++);
				titleRow.createCell(0).setCellValue(title);
				titleRow.getCell(0).setCellStyle(heading);
				if (columns.size() > 1) {
					sheet.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(0, 0, 0, columns.size() - 1));
				}
			}
			Row header = sheet.createRow(r++);
			for (int c = 0; c < columns.size(); c++) {
				header.createCell(c).setCellValue(columns.get(c).header());
				header.getCell(c).setCellStyle(bold);
				widths[c] = width(columns.get(c).header());
			}
			int headerRow = r - 1;
			for (T row : rows) {
				Row line = sheet.createRow(r++);
				for (int c = 0; c < columns.size(); c++) {
					Object value = columns.get(c).value().apply(row);
					var cell = line.createCell(c);
					if (value instanceof Number n) {
						cell.setCellValue(n.doubleValue());
						widths[c] = Math.max(widths[c], width(n.toString()));
					}
					else if (value instanceof java.time.Instant at) {
						cell.setCellValue(java.time.LocalDateTime.ofInstant(at, CountyTime.ZONE));
						cell.setCellStyle(dateTime);
						widths[c] = Math.max(widths[c], 16);
					}
					else if (value instanceof java.time.LocalDate day) {
						cell.setCellValue(day);
						cell.setCellStyle(date);
						widths[c] = Math.max(widths[c], 10);
					}
					else {
						String text = value == null ? "" : value.toString();
						cell.setCellValue(text);
						widths[c] = Math.max(widths[c], width(text));
					}
				}
			}
			for (int c = 0; c < widths.length; c++) {
				sheet.setColumnWidth(c, Math.min(60, Math.max(6, widths[c] + 2)) * 256);
			}
			sheet.createFreezePane(0, headerRow + 1);
			workbook.write(out);
			workbook.dispose();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How wide a text shows in a spreadsheet: a Chinese (full-width) character takes two columns. */
	private static int width(String text) {
		int w = 0;
		for (int i = 0; i < text.length(); i++) {
			w += text.charAt(i) > 0x2E7F ? 2 : 1;
		}
		return w;
	}

	public static ResponseEntity<byte[]> download(byte[] workbook, String filename) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.body(workbook);
	}

}
