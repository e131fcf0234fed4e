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
 * A ledger (台账): any list exported as an .xlsx workbook with a bold, frozen header row and one row
 * per record, and the HTTP download of it.
 */
public final class Ledger {

	public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private Ledger() {
	}

	public record Column<T>(String header, Function<T, Object> value) {
	}

	public static <T> byte[] write(String sheetName, List<Column<T>> columns, List<T> rows) {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(500); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet(sheetName);
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Row header = sheet.createRow(0);
			for (int c = 0; c < columns.size(); c++) {
				header.createCell(c).setCellValue(columns.get(c).header());
				header.getCell(c).setCellStyle(bold);
				sheet.setColumnWidth(c, 16 * 256);
			}
			int r = 1;
			for (T row : rows) {
				Row line = sheet.createRow(r++);
				for (int c = 0; c < columns.size(); c++) {
					Object value = columns.get(c).value().apply(row);
					if (value instanceof Number n) {
						line.createCell(c).setCellValue(n.doubleValue());
					}
					else {
						line.createCell(c).setCellValue(value == null ? "" : value.toString());
					}
				}
			}
			sheet.createFreezePane(0, 1);
			workbook.write(out);
			workbook.dispose();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static ResponseEntity<byte[]> download(byte[] workbook, String filename) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.body(workbook);
	}

}
