package org.grassroots.appeals.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.audit.AuditAction;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.PhoneNumber;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.RegionType;
import org.grassroots.shell.Ledger;
import org.grassroots.shell.Jobs;
import org.grassroots.shell.SheetReader;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The 12345 hotline hand-off: work orders imported from the hotline's Excel or CSV export through a
 * column mapping, every row checked first (a file with any bad row imports nothing and comes back
 * with an error column), known 工单编号 skipped; and the results exported back in the same layout.
 */
@Service
public class HotlineOrders {

	/** Which column of the file holds each field; the defaults are the hotline's usual headers. */
	public record Mapping(String ticketNo, String callTime, String caller, String phone, String content, String type,
			String area, String deadline) {

		public static Mapping defaults() {
			return new Mapping("工单编号", "来电时间", "诉求人", "联系电话", "诉求内容", "诉求类型", "地址/所属区域", "办理时限");
		}

		Mapping orDefaults() {
			Mapping d = defaults();
			return new Mapping(or(ticketNo, d.ticketNo), or(callTime, d.callTime), or(caller, d.caller), or(phone, d.phone),
					or(content, d.content), or(type, d.type), or(area, d.area), or(deadline, d.deadline));
		}

		private static String or(String value, String fallback) {
			return StringUtils.hasText(value) ? value.strip() : fallback;
		}

	}

	/**
	 * A file checked: refused (a file error, or the rows' errors and the file back annotated), or taken as a job
	 * ({@code job}) that commits the orders in batches.
	 */
	public record Outcome(boolean imported, int rows, Long job, Map<Integer, List<String>> errors, byte[] errorWorkbook,
			String fileError) {

		static Outcome fileError(String message) {
			return new Outcome(false, 0, null, Map.of(), null, message);
		}

	}

	/** The job's kind in {@code shell_job}. */
	public static final String JOB_KIND = "hotline_12345";

	/** Orders committed a batch at a time: each batch a short transaction of its own, so intake goes on between them. */
	public static final int BATCH = 100;

	private record Line(int row, String ticketNo, Instant callTime, String caller, String phone, String content,
			AppealCategories.Category category, RegionNode region, Instant deadline) {
	}

	/** A county's 12345 orders for a month or a quarter fit; a file past this is split by the sender. */
	private static final int MAX_ROWS = 50_000;

	private static final SheetReader.Limits SHEET_LIMITS = new SheetReader.Limits(MAX_ROWS, 60, 20_000_000L,
			java.time.Duration.ofSeconds(60));
	private static final List<DateTimeFormatter> TIME_FORMATS = List.of(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"),
			DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"), DateTimeFormatter.ofPattern("yyyy/M/d H:mm:ss"),
			DateTimeFormatter.ofPattern("yyyy/M/d H:mm"), DateTimeFormatter.ISO_LOCAL_DATE_TIME);

	private final AppealHandling handling;
	private final AppealCategories categories;
	private final RegionTree regions;
	private final WorkingCalendar calendar;
	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final MessageSource messages;

	private final IntakeRules rules;
	private final PersonalDataProtector protector;
	private final java.time.Clock clock;
	private final Jobs jobs;
	private final org.springframework.transaction.support.TransactionTemplate transactions;

	HotlineOrders(AppealHandling handling, AppealCategories categories, RegionTree regions, WorkingCalendar calendar,
			JdbcClient jdbc, AuditTrail audit, MessageSource messages, IntakeRules rules, PersonalDataProtector protector,
			java.time.Clock clock, Jobs jobs, org.springframework.transaction.PlatformTransactionManager transactionManager) {
		this.jobs = jobs;
		this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
		this.rules = rules;
		this.protector = protector;
		this.clock = clock;
		this.handling = handling;
		this.categories = categories;
		this.regions = regions;
		this.calendar = calendar;
		this.jdbc = jdbc;
		this.audit = audit;
		this.messages = messages;
	}

	/**
	 * Checks the whole file first (nothing is taken in if a row is wrong), then starts a job that takes the orders in,
	 * {@value #BATCH} at a time, skipping work orders already in (a file sent again resumes where it stopped).
	 */
	public Outcome importOrders(CurrentUser user, byte[] content, Mapping requested) {
		user.require(Permission.APPEAL_INTAKE);
		Mapping mapping = requested == null ? Mapping.defaults() : requested.orDefaults();
		List<String> headers;
		List<Map<String, String>> rows;
		try {
			if (content == null || content.length == 0) {
				return Outcome.fileError(msg("hotline.file.empty"));
			}
			boolean xlsx = content.length > 4 && content[0] == 'P' && content[1] == 'K';
			Table table = xlsx ? readXlsx(content) : readCsv(content);
			headers = table.headers();
			rows = table.rows();
		}
		catch (SheetReader.TooLarge ex) {
			return Outcome.fileError(msg("hotline.file.tooLarge", MAX_ROWS));
		}
		catch (IOException | RuntimeException ex) {
			return Outcome.fileError(msg("hotline.file.unreadable"));
		}
		for (String column : List.of(mapping.ticketNo(), mapping.callTime(), mapping.phone(), mapping.content(), mapping.type(),
				mapping.area())) {
			if (!headers.contains(column)) {
				return Outcome.fileError(msg("hotline.column.missing", column));
			}
		}
		if (rows.size() > MAX_ROWS) {
			return Outcome.fileError(msg("hotline.file.tooManyRows"));
		}
		Map<String, AppealCategories.Category> byName = new HashMap<>();
		categories.active().forEach(c -> {
			byName.put(c.nameZh(), c);
			byName.put(c.code(), c);
			byName.put(c.nameEn().toLowerCase(Locale.ROOT), c);
		});
		List<RegionNode> places = regions.subtree(user.regionPath()).stream()
			.filter(n -> n.depth() >= AppealLevel.VILLAGE.depth() && (n.type() == RegionType.VILLAGE
					|| n.type() == RegionType.COMMUNITY || n.type() == RegionType.GRID))
			.toList();
		Map<Integer, List<String>> errors = new LinkedHashMap<>();
		List<Line> lines = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < rows.size(); i++) {
			Map<String, String> r = rows.get(i);
			int rowNumber = i + 2;
			List<String> problems = new ArrayList<>();
			String ticket = r.getOrDefault(mapping.ticketNo(), "").strip();
			if (ticket.isEmpty() || ticket.length() > org.grassroots.appeals.AppealLimits.TICKET_MAX) {
				problems.add(msg("hotline.row.ticket"));
			}
			else if (seen.putIfAbsent(ticket, rowNumber) != null) {
				problems.add(msg("hotline.row.ticketTwice", seen.get(ticket)));
			}
			Instant callTime = parseTime(r.getOrDefault(mapping.callTime(), ""));
			if (callTime == null) {
				problems.add(msg("hotline.row.time", r.getOrDefault(mapping.callTime(), "")));
			}
			else if (callTime.isAfter(clock.instant().plus(java.time.Duration.ofMinutes(5)))) {
				// an appeal is never received in the future: the figures rely on it (they read this month whole)
				problems.add(msg("hotline.row.timeFuture", r.getOrDefault(mapping.callTime(), "")));
			}
			String typeName = r.getOrDefault(mapping.type(), "").strip();
			AppealCategories.Category category = byName.get(typeName);
			if (category == null) {
				category = byName.get(typeName.toLowerCase(Locale.ROOT));
			}
			if (category == null) {
				problems.add(msg("hotline.row.type", typeName, String.join("、", categories.active().stream().map(AppealCategories.Category::nameZh).toList())));
			}
			// the order's own fields by the rule set every channel shares; its type was named above, by the hotline's names
			String phone = PhoneNumber.normalise(r.getOrDefault(mapping.phone(), ""));
			String text = r.getOrDefault(mapping.content(), "").strip();
			String callerName = r.getOrDefault(mapping.caller(), "").strip();
			for (var p : rules.check(IntakeRules.Draft.of(AppealChannel.HOTLINE_12345, category == null ? null : category.code(), text)
				.reporter(callerName, phone, true)).problems()) {
				if (!p.field().equals("categoryCode")) {
					problems.add(msg(p.messageKey(), p.args()));
				}
			}
			String area = r.getOrDefault(mapping.area(), "").strip();
			RegionNode region = resolve(area, places);
			if (region == null) {
				problems.add(msg("hotline.row.area", area));
			}
			Instant deadline = null;
			String deadlineText = r.getOrDefault(mapping.deadline(), "").strip();
			if (!deadlineText.isEmpty()) {
				deadline = parseDeadline(deadlineText);
				if (deadline == null || (callTime != null && deadline.isBefore(callTime))) {
					problems.add(msg("hotline.row.deadline", deadlineText));
				}
			}
			if (!problems.isEmpty()) {
				errors.put(rowNumber, problems);
				continue;
			}
			lines.add(new Line(rowNumber, ticket, callTime, callerName.isEmpty() ? null : callerName, phone, text, category, region,
					deadline));
		}
		if (!errors.isEmpty()) {
			return new Outcome(false, rows.size(), null, errors, errorWorkbook(headers, rows, errors), null);
		}
		int total = rows.size();
		long job = jobs.start(JOB_KIND, user.accountId(), user.displayName(), user.regionPath(), lines.size(),
				progress -> takeIn(user, lines, progress));
		return new Outcome(true, total, job, Map.of(), null, null);
	}

	/** The job: the checked orders in, batch by batch; the audit entry says what the whole file did. */
	private String takeIn(CurrentUser user, List<Line> lines, Jobs.Progress progress) {
		int created = 0;
		int skipped = 0;
		for (int from = 0; from < lines.size(); from += BATCH) {
			List<Line> batch = lines.subList(from, Math.min(lines.size(), from + BATCH));
			int fresh = transactions.execute(tx -> takeInBatch(user, batch));
			created += fresh;
			skipped += batch.size() - fresh;
			progress.advanced(from + batch.size(), created, skipped);
		}
		int done = created;
		int known = skipped;
		transactions.executeWithoutResult(tx -> audit.record(AuditAction.IMPORT, "hotline_12345", null, user.regionPath(),
				org.grassroots.audit.AuditTrail.summary("hotlineImport", done, known), null, null));
		return null;
	}

	/** One batch: work orders already taken in (a file sent twice) are skipped; returns how many were new. */
	private int takeInBatch(CurrentUser user, List<Line> batch) {
		java.util.Set<String> known = new java.util.HashSet<>(jdbc.sql("SELECT external_ref FROM appeals_appeal WHERE external_ref IN (:refs)")
			.param("refs", batch.stream().map(l -> "12345:" + l.ticketNo()).toList())
			.query(String.class).list());
		List<Appeal> fresh = new ArrayList<>(batch.size());
		for (Line line : batch) {
			if (!known.contains("12345:" + line.ticketNo())) {
				fresh.add(handling.newAppeal(AppealIntake.of(AppealChannel.HOTLINE_12345, line.content(), user.username())
					.reporter(line.caller(), protector.protectPhone(line.phone()))
					.handOff("12345:" + line.ticketNo(), line.callTime(), line.deadline()), line.category(), line.region()));
			}
		}
		handling.createAll(fresh);
		return fresh.size();
	}

	private static RegionNode resolve(String area, List<RegionNode> places) {
		if (area.isEmpty()) {
			return null;
		}
		for (RegionNode n : places) {
			if (n.code().equals(area)) {
				return n;
			}
		}
		List<RegionNode> villages = places.stream()
			.filter(n -> n.type() != RegionType.GRID && area.contains(n.name()))
			.toList();
		if (villages.size() != 1) {
			return null;
		}
		RegionNode village = villages.get(0);
		return places.stream()
			.filter(n -> n.type() == RegionType.GRID && n.path().startsWith(village.path()) && area.contains(n.name()))
			.findFirst()
			.orElse(village);
	}

	private static Instant parseTime(String text) {
		String t = text.strip();
		for (DateTimeFormatter f : TIME_FORMATS) {
			try {
				return LocalDateTime.parse(t, f).atZone(WorkingCalendar.ZONE).toInstant();
			}
			catch (DateTimeParseException ignored) {
				// next format
			}
		}
		return null;
	}

	private Instant parseDeadline(String text) {
		Instant time = parseTime(text);
		if (time != null) {
			return time;
		}
		try {
			LocalDate day = LocalDate.parse(text.strip().replace('/', '-'));
			var windows = calendar.workingWindows();
			return ZonedDateTime.of(day, windows.get(windows.size() - 1).end(), WorkingCalendar.ZONE).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private record Table(List<String> headers, List<Map<String, String>> rows) {
	}

	/**
	 * The first sheet, streamed with limits checked while reading (rows, columns, characters, time): a workbook that
	 * unpacks to more than an import may hold is refused part-way, never built in memory.
	 */
	private Table readXlsx(byte[] content) throws IOException {
		List<List<String>> sheet = SheetReader.firstSheet(content, SHEET_LIMITS, clock);
		List<String> headers = sheet.isEmpty() ? List.of() : sheet.get(0);
		List<Map<String, String>> rows = new ArrayList<>();
		for (int r = 1; r < sheet.size(); r++) {
			List<String> row = sheet.get(r);
			Map<String, String> values = new LinkedHashMap<>();
			boolean any = false;
			for (int c = 0; c < headers.size(); c++) {
				String v = c < row.size() ? row.get(c) : "";
				any |= !v.isEmpty();
				values.put(headers.get(c), v);
			}
			if (any) {
				rows.add(values);
			}
		}
		return new Table(headers, rows);
	}

	/** CSV in UTF-8 (with or without BOM) or, as the hotline's exports often are, GBK. */
	private static Table readCsv(byte[] content) throws IOException {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content)).toString();
		}
		catch (CharacterCodingException notUtf8) {
			text = new String(content, Charset.forName("GBK"));
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true)
			.get()
			.parse(new StringReader(text));
		List<String> headers = new ArrayList<>(parser.getHeaderNames());
		List<Map<String, String>> rows = new ArrayList<>();
		for (CSVRecord record : parser) {
			if (rows.size() >= MAX_ROWS) {
				throw new SheetReader.TooLarge("rows");
			}
			Map<String, String> values = new LinkedHashMap<>();
			for (String h : headers) {
				values.put(h, record.isMapped(h) && record.isSet(h) ? record.get(h) : "");
			}
			rows.add(values);
		}
		return new Table(headers, rows);
	}

	private byte[] errorWorkbook(List<String> headers, List<Map<String, String>> rows, Map<Integer, List<String>> errors) {
		List<String> columns = new ArrayList<>(headers);
		List<Ledger.Column<Integer>> ledger = new ArrayList<>();
		for (String h : columns) {
			ledger.add(new Ledger.Column<>(h, i -> rows.get(i).get(h)));
		}
		ledger.add(new Ledger.Column<>(msg("import.errors"), i -> String.join("；", errors.getOrDefault(i + 2, List.of()))));
		List<Integer> indexes = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			indexes.add(i);
		}
		return Ledger.write("12345", ledger, indexes);
	}

	/**
	 * Results back to the hotline in its layout: one row per order of the 12345 channel in scope and period, in the
	 * order they were called in, sent as they are read (a chunk at a time, after the last one read).
	 */
	public void export(CurrentUser user, LocalDate from, LocalDate to, jakarta.servlet.http.HttpServletResponse response) {
		user.require(Permission.APPEAL_READ);
		Locale locale = LocaleContextHolder.getLocale();
		DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(WorkingCalendar.ZONE);
		Map<String, String> names = new HashMap<>();
		categories.active().forEach(c -> names.put(c.code(), c.nameZh()));
		String scope = user.scopePattern();
		OffsetDateTime start = from.atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime();
		OffsetDateTime end = to.plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toOffsetDateTime();
		Ledger.Rows<Map<String, Object>> rows = Ledger.Rows.inChunks(EXPORT_CHUNK, after -> {
			List<Map<String, Object>> chunk = jdbc.sql("""
					SELECT id, external_ref, submitted_at, reporter_name, phone_masked, description, category_code, region_id,
					  resolution_due, result_text, resolved_at, rating, status
					FROM appeals_appeal WHERE channel = 'HOTLINE_12345' AND region_path LIKE :p
					  AND submitted_at >= :from AND submitted_at < :to""" + (after == null ? ""
					: " AND submitted_at >= :afterAt AND (submitted_at > :afterAt OR id > :afterId)")
					+ " ORDER BY submitted_at, id LIMIT :limit")
				.param("p", scope)
				.param("from", start)
				.param("to", end)
				.param("afterAt", after == null ? start : after.get(AFTER_AT))
				.param("afterId", after == null ? 0L : after.get(AFTER_ID))
				.param("limit", EXPORT_CHUNK)
				.query((rs, i) -> {
					Map<String, Object> m = new LinkedHashMap<>();
					// an order entered by hand on the 12345 channel has no ticket number of the hotline's
					String ref = rs.getString("external_ref");
					m.put("工单编号", ref == null ? "" : ref.startsWith("12345:") ? ref.substring("12345:".length()) : ref);
					OffsetDateTime called = rs.getObject("submitted_at", OffsetDateTime.class);
					m.put("来电时间", time.format(called.toInstant()));
					m.put("诉求人", rs.getString("reporter_name"));
					m.put("联系电话", rs.getString("phone_masked"));
					m.put("诉求内容", rs.getString("description"));
					m.put("诉求类型", names.getOrDefault(rs.getString("category_code"), rs.getString("category_code")));
					m.put("地址/所属区域", rs.getLong("region_id")); // the region's id, named once the chunk is read
					m.put("办理时限", time.format(rs.getObject("resolution_due", OffsetDateTime.class).toInstant()));
					String status = rs.getString("status");
					m.put("办理结果", rs.getString("result_text") != null ? rs.getString("result_text")
							: messages.getMessage("appeal.status." + status, null, status, locale));
					OffsetDateTime resolved = rs.getObject("resolved_at", OffsetDateTime.class);
					m.put("办结时间", resolved == null ? "" : time.format(resolved.toInstant()));
					String rating = rs.getString("rating");
					m.put("回访满意度", rating == null ? "" : messages.getMessage("appeal.rating." + rating, null, rating, Locale.SIMPLIFIED_CHINESE));
					m.put(AFTER_AT, called);
					m.put(AFTER_ID, rs.getLong("id"));
					return m;
				})
				.list();
			Map<Long, RegionNode> places = regions.byIds(chunk.stream().map(m -> (Long) m.get("地址/所属区域")).collect(java.util.stream.Collectors.toSet()));
			chunk.forEach(m -> m.put("地址/所属区域", java.util.Optional.ofNullable(places.get((Long) m.get("地址/所属区域"))).map(RegionNode::name).orElse("")));
			return chunk;
		});
		List<Ledger.Column<Map<String, Object>>> columns = new ArrayList<>();
		for (String h : List.of("工单编号", "来电时间", "诉求人", "联系电话", "诉求内容", "诉求类型", "地址/所属区域", "办理时限", "办理结果",
				"办结时间", "回访满意度")) {
			columns.add(new Ledger.Column<>(h, m -> m.get(h)));
		}
		Ledger.send(response, "12345-results-" + from + "-" + to + ".xlsx", "12345", null, columns, rows,
				(sent, whole) -> audit.record(AuditAction.EXPORT, "hotline_12345", null, user.regionPath(),
						org.grassroots.audit.AuditTrail.summary("hotlineResults", sent), null, null));
	}

	/** Rows an export reads at a time. */
	private static final int EXPORT_CHUNK = 2_000;

	// where a chunk of the export ends (kept with the row, not a column)
	private static final String AFTER_AT = "#at", AFTER_ID = "#id";

	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

}
