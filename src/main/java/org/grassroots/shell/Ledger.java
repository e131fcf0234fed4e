package org.grassroots.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletResponse;

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

	/**
	 * Where a ledger's rows come from: each handed over as it is read, so that a ledger of a million rows is never held
	 * whole.
	 */
	@FunctionalInterface
	public interface Rows<T> {

		void each(Consumer<T> row);

		/** Rows already at hand. */
		static <T> Rows<T> of(List<T> rows) {
			return rows::forEach;
		}

		/**
		 * Rows read a chunk at a time, each chunk a short query of its own that starts after the last row of the chunk
		 * before (given {@code null} for the first): no connection is held, and no transaction kept open, while the
		 * ledger is written and sent.
		 */
		static <T> Rows<T> inChunks(int size, Function<T, List<T>> after) {
			return row -> {
				T last = null;
				while (true) {
					List<T> chunk = after.apply(last);
					chunk.forEach(row);
					if (chunk.size() < size) {
						return;
					}
					last = chunk.get(chunk.size() - 1);
				}
			};
		}

		/**
		 * Rows read a page at a time through a list's own paged query (for lists that stay small, such as a county's
		 * disputes: a page deep in a large list costs more than the one before it).
		 */
		static <T> Rows<T> inPages(int size, Function<org.springframework.data.domain.Pageable, List<T>> page) {
			return row -> {
				for (int number = 0;; number++) {
					List<T> rows = page.apply(org.springframework.data.domain.PageRequest.of(number, size));
					rows.forEach(row);
					if (rows.size() < size) {
						return;
					}
				}
			};
		}

	}

	public static <T> byte[] write(String sheetName, List<Column<T>> columns, List<T> rows) {
		return write(sheetName, null, columns, rows);
	}

	/**
	 * A ledger a township can file as it is: a title row naming the area and the period (when {@code title} is given),
	 * the bold, frozen header row, columns as wide as what they hold (a Chinese character counts twice), and times and dates
	 * as real date cells (Beijing time), numbers as numbers. Held in memory: for small files (templates, a file's errors);
	 * a list's ledger is {@linkplain #send sent as it is written}.
	 */
	public static <T> byte[] write(String sheetName, String title, List<Column<T>> columns, List<T> rows) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		write(out, sheetName, title, columns, Rows.of(rows));
		return out.toByteArray();
	}

	/** Writes the ledger to {@code out} as its rows come; returns how many rows it has. */
	static <T> long write(OutputStream out, String sheetName, String title, List<Column<T>> columns, Rows<T> rows) {
		return write(out, sheetName, title, columns, rows, (count, whole) -> {
		});
	}

	static <T> long write(OutputStream out, String sheetName, String title, List<Column<T>> columns, Rows<T> rows, Sent sent) {
		long[] count = { 0 };
		boolean whole = false;
		XlsxStream sheet = new XlsxStream(out, sheetName, title, columns.stream().map(Column::header).toList());
		try {
			rows.each(row -> {
				Object[] values = new Object[columns.size()];
				for (int c = 0; c < values.length; c++) {
					values[c] = columns.get(c).value().apply(row);
				}
				try {
					sheet.row(values);
					count[0] = sheet.rows();
					if (count[0] == XlsxStream.WIDTH_ROWS) {
						// the first rows are on their way while the rest are read
						sheet.flush();
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			// only a ledger read to its end is finished as a workbook: one cut off by an error is left without its
			// last parts, so that it cannot be opened as if it were whole
			sheet.close();
			whole = true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			sent.rows(count[0], whole);
		}
		return count[0];
	}

	/** Told, once the ledger ends, how many rows went out, and whether it ended whole (not cut off by an error). */
	@FunctionalInterface
	public interface Sent {

		void rows(long rows, boolean whole);

	}

	/**
	 * Sends a list's ledger as the download answering this request, written as its rows are read: the first bytes leave
	 * once the first rows are read, memory does not grow with the rows, and every row the list has is in it (no cap).
	 * {@code sent} is told how many rows went out, even when the download was cut off (for the audit trail).
	 */
	public static <T> void send(HttpServletResponse response, String filename, String sheetName, String title,
			List<Column<T>> columns, Rows<T> rows, Sent sent) {
		response.setContentType(CONTENT_TYPE);
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		try {
			write(response.getOutputStream(), sheetName, title, columns, rows, sent);
		}
		catch (IOException ex) {
			sent.rows(0, false);
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException failed) {
			// failed before anything was sent: the error answers as any other, not as a spreadsheet
			if (!response.isCommitted()) {
				response.reset();
			}
			throw failed;
		}
	}

	public static ResponseEntity<byte[]> download(byte[] workbook, String filename) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.body(workbook);
	}

}
