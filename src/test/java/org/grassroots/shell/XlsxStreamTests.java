package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The ledger's workbook, written as its rows come, read back by a spreadsheet library: what a township files.
 */
class XlsxStreamTests {

	private static XSSFWorkbook read(byte[] file) throws IOException {
		return new XSSFWorkbook(new ByteArrayInputStream(file));
	}

	@Test
	void title_header_cells_of_every_kind_and_the_frozen_header() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (XlsxStream sheet = new XlsxStream(out, "诉求台账", "高庙村 诉求台账 2026-11-01 — 2026-11-30", List.of("编号", "内容", "受理时间", "日期", "件数"))) {
			sheet.row(new Object[] { "GR1", "路灯 <不亮> & \"坏了\"\u0001\u0008", Instant.parse("2026-11-02T01:30:00Z"), LocalDate.of(2026, 11, 3), 42 });
			sheet.row(new Object[] { "GR2", "x".repeat(40_000), LocalDateTime.of(2026, 11, 4, 8, 15), null, 2.5 });
		}
		try (XSSFWorkbook book = read(out.toByteArray())) {
			Sheet sheet = book.getSheetAt(0);
			assertThat(book.getSheetName(0)).isEqualTo("诉求台账");
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("高庙村 诉求台账 2026-11-01 — 2026-11-30");
			assertThat(sheet.getMergedRegion(0).formatAsString()).isEqualTo("A1:E1");
			assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("内容");
			assertThat(book.getFontAt(sheet.getRow(1).getCell(1).getCellStyle().getFontIndex()).getBold()).isTrue();
			assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
			assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
			// markup is text; characters XML cannot hold are left out
			assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("路灯 <不亮> & \"坏了\"");
			// a time is a real date cell in Beijing time
			assertThat(DateUtil.isCellDateFormatted(sheet.getRow(2).getCell(2))).isTrue();
			assertThat(sheet.getRow(2).getCell(2).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 11, 2, 9, 30));
			assertThat(sheet.getRow(2).getCell(3).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 3));
			assertThat(sheet.getRow(2).getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(sheet.getRow(2).getCell(4).getNumericCellValue()).isEqualTo(42.0);
			assertThat(sheet.getRow(3).getCell(4).getNumericCellValue()).isEqualTo(2.5);
			// a cell holds at most 32,767 characters
			assertThat(sheet.getRow(3).getCell(1).getStringCellValue()).hasSize(32_767);
			assertThat(sheet.getRow(3).getCell(2).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 11, 4, 8, 15));
			assertThat(sheet.getRow(3).getCell(3)).isNull();
			// the columns are as wide as what they hold (a Chinese character counts twice), within bounds
			assertThat(sheet.getColumnWidth(1)).isEqualTo(60 * 256);
			assertThat(sheet.getColumnWidth(0)).isEqualTo(6 * 256);
		}
	}

	@Test
	void beyond_a_sheets_rows_the_ledger_goes_on_in_the_next_sheet_with_its_header() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (XlsxStream sheet = new XlsxStream(out, "居民", null, List.of("序号"), 1_000)) {
			for (int i = 0; i < 2_500; i++) {
				sheet.row(new Object[] { i });
			}
			assertThat(sheet.rows()).isEqualTo(2_500);
		}
		try (XSSFWorkbook book = read(out.toByteArray())) {
			assertThat(book.getNumberOfSheets()).isEqualTo(3);
			assertThat(book.getSheetName(1)).isEqualTo("居民 (2)");
			List<Integer> all = new ArrayList<>();
			for (Sheet sheet : book) {
				assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("序号");
				for (int r = 1; r <= sheet.getLastRowNum(); r++) {
					all.add((int) sheet.getRow(r).getCell(0).getNumericCellValue());
				}
			}
			assertThat(all).hasSize(2_500).isSorted().startsWith(0).endsWith(2_499);
		}
	}

	@Test
	void an_empty_ledger_is_a_workbook_with_its_header() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new XlsxStream(out, "a/b:c?[d]", null, List.of("姓名")).close();
		try (XSSFWorkbook book = read(out.toByteArray())) {
			assertThat(book.getSheetName(0)).isEqualTo("a b c  d ");
			assertThat(book.getSheetAt(0).getLastRowNum()).isZero();
			assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("姓名");
		}
	}

	@Test
	void the_first_rows_leave_before_the_rest_are_read() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		AtomicInteger sentWhenLastRead = new AtomicInteger(-1);
		Ledger.Rows<Integer> rows = row -> {
			for (int i = 0; i < 1_000; i++) {
				row.accept(i);
			}
			sentWhenLastRead.set(out.size());
		};
		Ledger.write(out, "n", null, List.of(new Ledger.Column<Integer>("n", n -> n)), rows);
		// the zip's first entry, with the sheet's first rows, was out before the last row was read
		assertThat(sentWhenLastRead.get()).isGreaterThan(100);
		assertThat(out.size()).isGreaterThan(sentWhenLastRead.get());
		// and the flushed file is whole
		try (XSSFWorkbook book = read(out.toByteArray())) {
			assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo(1_000);
			assertThat(book.getSheetAt(0).getRow(1_000).getCell(0).getNumericCellValue()).isEqualTo(999.0);
		}
	}

	@Test
	void rows_in_chunks_start_after_the_last_row_read_and_end_on_a_short_chunk() {
		List<Integer> source = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			source.add(i);
		}
		List<Integer> asked = new ArrayList<>();
		List<Integer> got = new ArrayList<>();
		Ledger.Rows.<Integer>inChunks(4, after -> {
			asked.add(after);
			int from = after == null ? 0 : after + 1;
			return source.subList(Math.min(from, source.size()), Math.min(from + 4, source.size()));
		}).each(got::add);
		assertThat(got).isEqualTo(source);
		assertThat(asked).containsExactly(null, 3, 7);
	}

	@Test
	void a_ledger_cut_off_by_an_error_is_not_finished_as_a_whole_workbook() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Ledger.Rows<Integer> failing = row -> {
			for (int i = 0; i < 300; i++) {
				row.accept(i);
			}
			throw new IllegalStateException("the database went away");
		};
		long[] told = { -1 };
		boolean[] whole = { true };
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ledger.write(out, "n", null,
				List.of(new Ledger.Column<Integer>("n", n -> n)), failing, (rows, ended) -> {
					told[0] = rows;
					whole[0] = ended;
				})).hasMessageContaining("went away");
		assertThat(told[0]).isEqualTo(300);
		assertThat(whole[0]).isFalse();
		// what went out cannot be opened as if it were the whole ledger
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(out.toByteArray()).close()).isInstanceOf(Exception.class);
	}

}
