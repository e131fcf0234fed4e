package org.grassroots.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Turns the fuzzer's bytes into an upload. The first byte chooses the form: {@code x} builds a real workbook from the
 * rest read as comma-separated lines (so the fuzzer reaches the row checks, not only the zip reader), {@code c} sends
 * the rest as a .csv file, anything else sends the rest unchanged under a .xlsx name (the zip and XML readers).
 */
final class FuzzInputs {

	record Upload(String filename, byte[] content) {
	}

	private FuzzInputs() {
	}

	static Upload upload(byte[] data) {
		if (data.length == 0) {
			return new Upload("empty.xlsx", data);
		}
		byte[] rest = Arrays.copyOfRange(data, 1, data.length);
		return switch (data[0]) {
			case 'x' -> new Upload("fuzz.xlsx", workbook(new String(rest, StandardCharsets.UTF_8)));
			case 'c' -> new Upload("fuzz.csv", rest);
			default -> new Upload("fuzz.xlsx", rest);
		};
	}

	/** A workbook of one sheet: a line per row, a comma between cells, every cell a string. */
	static byte[] workbook(String text) {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("fuzz");
			String[] lines = text.split("\n", -1);
			for (int r = 0; r < Math.min(lines.length, 500); r++) {
				Row row = sheet.createRow(r);
				String[] cells = lines[r].split(",", -1);
				for (int c = 0; c < Math.min(cells.length, 60); c++) {
					row.createCell(c).setCellValue(clean(cells[c]));
				}
			}
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** POI itself refuses to write control characters XML cannot hold: they are not what is being tested. */
	private static String clean(String cell) {
		StringBuilder out = new StringBuilder(cell.length());
		cell.codePoints()
			.filter(cp -> cp == '\t' || cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF && !(cp >= 0xD800 && cp <= 0xDFFF))
			.forEach(out::appendCodePoint);
		return out.length() > 32_767 ? out.substring(0, 32_767) : out.toString();
	}

}
