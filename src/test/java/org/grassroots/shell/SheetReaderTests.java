package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Workbooks are read streaming, and refused part-way when they unpack past a limit. */
class SheetReaderTests {

	private static final Clock CLOCK = Clock.systemUTC();

	private static final SheetReader.Limits ROOMY = new SheetReader.Limits(1_000_000, 60, 500_000_000L, Duration.ofMinutes(5));

	@Test
	void reads_text_numbers_and_dates_with_gaps_kept_in_place() throws IOException {
		byte[] xlsx;
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet();
			Row header = sheet.createRow(0);
			header.createCell(0).setCellValue("工单编号");
			header.createCell(1).setCellValue("来电时间");
			header.createCell(3).setCellValue("内容");
			Row row = sheet.createRow(2);
			row.createCell(0).setCellValue(20260301001L);
			CellStyle date = wb.createCellStyle();
			date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d h:mm"));
			row.createCell(1).setCellValue(LocalDateTime.of(2026, 3, 1, 9, 30));
			row.getCell(1).setCellStyle(date);
			row.createCell(3).setCellValue("  路灯不亮  ");
			wb.write(out);
			xlsx = out.toByteArray();
		}
		List<List<String>> rows = SheetReader.firstSheet(xlsx, ROOMY, CLOCK);
		assertThat(rows).hasSize(3);
		assertThat(rows.get(0)).containsExactly("工单编号", "来电时间", "", "内容");
		assertThat(rows.get(1)).isEmpty();
		assertThat(rows.get(2)).containsExactly("20260301001", "2026-03-01 09:30:00", "", "路灯不亮");
	}

	@Test
	void too_many_rows_columns_or_characters_are_refused_while_reading() throws IOException {
		byte[] xlsx = workbook(30, 5, "一二三四五六七八九十");
		assertThatThrownBy(() -> SheetReader.firstSheet(xlsx, new SheetReader.Limits(10, 60, 1_000_000, Duration.ofMinutes(1)), CLOCK))
			.isInstanceOf(SheetReader.TooLarge.class).extracting("what").isEqualTo("rows");
		assertThatThrownBy(() -> SheetReader.firstSheet(xlsx, new SheetReader.Limits(100, 3, 1_000_000, Duration.ofMinutes(1)), CLOCK))
			.isInstanceOf(SheetReader.TooLarge.class).extracting("what").isEqualTo("columns");
		assertThatThrownBy(() -> SheetReader.firstSheet(xlsx, new SheetReader.Limits(100, 60, 500, Duration.ofMinutes(1)), CLOCK))
			.isInstanceOf(SheetReader.TooLarge.class).extracting("what").isEqualTo("characters");
		assertThat(SheetReader.firstSheet(xlsx, new SheetReader.Limits(100, 60, 2_000, Duration.ofMinutes(1)), CLOCK)).hasSize(30);
	}

	@Test
	void a_sheet_that_unpacks_past_the_entry_limit_is_refused_not_built() throws IOException {
		// about 2 MB zipped that unpacks to more than 48 MB of sheet XML: the shape of the upload that took the server down
		byte[] bomb = workbook(32_000, 10, "重复内容".repeat(12));
		assertThat(bomb.length).isLessThan(20 * 1024 * 1024);
		assertThatThrownBy(() -> SheetReader.firstSheet(bomb, ROOMY, CLOCK)).isInstanceOf(SheetReader.TooLarge.class)
			.extracting("what").isIn("entry", "characters");
	}

	@Test
	void anything_but_a_workbook_is_unreadable_not_a_crash() {
		assertThatThrownBy(() -> SheetReader.firstSheet("PK not really a zip".getBytes(), ROOMY, CLOCK))
			.isInstanceOf(IOException.class);
	}

	/** Inline strings (no shared-strings table), the way SXSSF writes: the sheet XML carries every character. */
	private static byte[] workbook(int rows, int columns, String text) throws IOException {
		try (SXSSFWorkbook wb = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			wb.setCompressTempFiles(true);
			Sheet sheet = wb.createSheet();
			for (int r = 0; r < rows; r++) {
				Row row = sheet.createRow(r);
				for (int c = 0; c < columns; c++) {
					row.createCell(c).setCellValue(text);
				}
			}
			wb.write(out);
			wb.dispose();
			return out.toByteArray();
		}
	}

}
