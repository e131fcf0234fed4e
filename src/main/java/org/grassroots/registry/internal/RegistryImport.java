package org.grassroots.registry.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditAction;
import org.grassroots.audit.AuditTrail;
import org.grassroots.shell.Jobs;
import org.grassroots.shell.SheetReader;
import org.grassroots.privacy.IdNumber;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.PhoneNumber;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Imports households and residents from the template workbook. Every row is checked first; if any
 * row is wrong nothing is imported and the workbook comes back with an error column. A file found good
 * is taken in as a job ({@link Jobs}), {@value #BATCH} rows a transaction, so that the rest of the county
 * goes on writing between batches. The ID number is the key and a household is its grid and address:
 * importing the same file again (after an interruption, say) updates people and creates nobody twice.
 */
@Service
public class RegistryImport {

	public static final List<String> HEADERS = List.of("网格编码*", "门牌地址*", "户状态", "姓名*", "身份证号*", "联系电话",
			"与户主关系*", "民族", "政治面貌", "标签");
	private static final int MAX_ROWS = 20_000;

	/** The job's kind in {@code shell_job}. */
	public static final String JOB_KIND = "registry_import";

	/** Rows taken in a transaction: each batch is all in or not at all, and holds the shared locks that long only. */
	static final int BATCH = 500;

	private static final Map<String, Household.Status> HOUSEHOLD_STATUS = Map.of("常住", Household.Status.RESIDENT, "外出",
			Household.Status.AWAY, "迁出", Household.Status.MOVED_OUT);
	private static final Map<String, Resident.Relation> RELATIONS = Map.of("户主", Resident.Relation.HEAD, "配偶",
			Resident.Relation.SPOUSE, "子女", Resident.Relation.CHILD, "父母", Resident.Relation.PARENT, "孙子女",
			Resident.Relation.GRANDCHILD, "祖父母", Resident.Relation.GRANDPARENT, "兄弟姐妹", Resident.Relation.SIBLING, "儿媳女婿",
			Resident.Relation.CHILD_IN_LAW, "其他", Resident.Relation.OTHER);
	private static final Map<String, Resident.PoliticalStatus> POLITICAL = Map.of("中共党员", Resident.PoliticalStatus.PARTY_MEMBER,
			"预备党员", Resident.PoliticalStatus.PROBATIONARY_MEMBER, "共青团员", Resident.PoliticalStatus.LEAGUE_MEMBER, "民主党派",
			Resident.PoliticalStatus.OTHER_PARTY, "群众", Resident.PoliticalStatus.MASSES);

	private final Regions regions;
	private final Households households;
	private final Residents residents;
	private final HouseholdRegister householdRegister;
	private final ResidentRegister residentRegister;
	private final TagCatalogue tags;
	private final PersonalDataProtector protector;
	private final AuditTrail audit;
	private final MessageSource messages;
	private final java.time.Clock clock;
	private final Jobs jobs;
	private final TransactionTemplate transactions;

	/** A village's or a township's registry fits; the limits are checked while the workbook is read. */
	private static final SheetReader.Limits SHEET_LIMITS = new SheetReader.Limits(MAX_ROWS, 40, 4_000_000L,
			java.time.Duration.ofSeconds(60));

	RegistryImport(Regions regions, Households households, Residents residents, HouseholdRegister householdRegister,
			ResidentRegister residentRegister, TagCatalogue tags, PersonalDataProtector protector, AuditTrail audit,
			MessageSource messages, java.time.Clock clock, Jobs jobs, PlatformTransactionManager transactionManager) {
		this.clock = clock;
		this.jobs = jobs;
		this.transactions = new TransactionTemplate(transactionManager);
		this.messages = messages;
		this.regions = regions;
		this.households = households;
		this.residents = residents;
		this.householdRegister = householdRegister;
		this.residentRegister = residentRegister;
		this.tags = tags;
		this.protector = protector;
		this.audit = audit;
	}

	/**
	 * A workbook checked: refused (a file error, or the rows' errors and the annotated workbook), or taken as a job
	 * ({@code job}) whose counts ({@code householdsCreated}, {@code residentsCreated}, {@code residentsUpdated}) say
	 * what it did.
	 */
	public record Outcome(boolean imported, int rows, Long job, Map<Integer, List<String>> errors, byte[] annotatedWorkbook,
			String fileError) {

		static Outcome wrongFile(String messageKey) {
			return new Outcome(false, 0, null, Map.of(), null, messageKey);
		}

	}

	private record Line(int rowIndex, String gridCode, String address, Household.Status householdStatus, String name,
			String idNumber, String phone, Resident.Relation relation, String ethnicity, Resident.PoliticalStatus political,
			Set<String> tagCodes) {
	}

	public byte[] template() {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("居民导入");
			Row header = sheet.createRow(0);
			for (int i = 0; i < HEADERS.size(); i++) {
				header.createCell(i).setCellValue(HEADERS.get(i));
				sheet.setColumnWidth(i, 18 * 256);
			}
			Row example = sheet.createRow(1);
			String[] values = {"62079910020101", "高庙村一组999号", "常住", "张三", "620799198001010012", "13800000000", "户主", "汉族", "群众", "退役军人"};
			for (int i = 0; i < values.length; i++) {
				example.createCell(i).setCellValue(values[i]);
			}
			Sheet help = workbook.createSheet("填写说明");
			String[] notes = {"带 * 的列必填；第 2 行为示例，导入前请删除。", "网格编码：网格或片/组/邻的编码（见区域网格页面）。",
					"户状态：常住 / 外出 / 迁出（空白为常住）。", "与户主关系：" + String.join(" / ", RELATIONS.keySet()),
					"政治面貌：" + String.join(" / ", POLITICAL.keySet()) + "（空白为群众）。", "标签：多个用顿号“、”分隔，如 空巢老人、低保。",
					"同一网格 + 门牌地址的行属于同一户；新户须有一行“户主”。身份证号相同的人再次导入时更新而不重复。"};
			for (int i = 0; i < notes.length; i++) {
				help.createRow(i).createCell(0).setCellValue(notes[i]);
			}
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Checks the whole workbook (nothing is taken in if a row is wrong), then starts the job that takes it in,
	 * {@value #BATCH} rows a transaction. Not itself a transaction: the checks only read, and each batch is its own.
	 */
	public Outcome importWorkbook(CurrentUser user, byte[] content) {
		user.require(Permission.REGISTRY_IMPORT);
		user.require(Permission.REGISTRY_WRITE);
		// an .xlsx is a zip: check the content, not the file name
		if (content == null || content.length < 4 || content[0] != 'P' || content[1] != 'K') {
			return Outcome.wrongFile("import.wrongFileType");
		}
		List<List<String>> sheet;
		try {
			sheet = SheetReader.firstSheet(content, SHEET_LIMITS, clock);
		}
		catch (SheetReader.TooLarge ex) {
			return Outcome.wrongFile(ex.what().equals("rows") ? "import.tooManyRows" : "import.tooLarge");
		}
		catch (IOException ex) {
			return Outcome.wrongFile("import.wrongFileType");
		}
		try {
			List<String> header = sheet.isEmpty() ? List.of() : sheet.get(0);
			if (!cell(header, 0).startsWith("网格编码") || !cell(header, 4).startsWith("身份证号")) {
				return Outcome.wrongFile("import.wrongTemplate");
			}
			Map<Integer, List<String>> errors = new LinkedHashMap<>();
			List<Line> lines = new ArrayList<>();
			Map<String, Integer> seenIds = new HashMap<>();
			for (int r = 1; r < sheet.size(); r++) {
				List<String> row = sheet.get(r);
				if (isBlank(row)) {
					continue;
				}
				List<String> rowErrors = new ArrayList<>();
				Line line = parse(user, r, row, rowErrors);
				if (line != null && line.idNumber() != null) {
					Integer first = seenIds.putIfAbsent(line.idNumber(), r + 1);
					if (first != null) {
						rowErrors.add(msg("import.row.duplicateId", first));
					}
				}
				if (!rowErrors.isEmpty()) {
					errors.put(r, rowErrors);
				}
				else {
					lines.add(line);
				}
			}
			checkHeads(lines, errors);
			int rowCount = lines.size() + errors.size();
			if (!errors.isEmpty()) {
				return new Outcome(false, rowCount, null, errors, annotate(sheet, errors), null);
			}
			if (lines.isEmpty()) {
				return Outcome.wrongFile("import.empty");
			}
			if (registeredElsewhere(user, lines)) {
				return Outcome.wrongFile("registry.import.idsElsewhere");
			}
			List<Line> ordered = inHouseholds(lines);
			long job = jobs.start(JOB_KIND, user.accountId(), user.displayName(), user.regionPath(), ordered.size(),
					progress -> takeIn(user, ordered, progress));
			return new Outcome(true, lines.size(), job, Map.of(), null, null);
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof org.grassroots.shell.InputRejected || ex instanceof org.springframework.security.access.AccessDeniedException
					|| ex instanceof org.grassroots.shell.TooManyAttempts || ex instanceof org.grassroots.shell.ServiceBusy
					|| ex instanceof org.springframework.dao.DataAccessException) {
				throw (RuntimeException) ex;
			}
			return Outcome.wrongFile("import.wrongFileType");
		}
	}

	private Line parse(CurrentUser user, int rowNum, List<String> row, List<String> errors) {
		String gridCode = cell(row, 0);
		String address = cell(row, 1);
		String householdStatus = cell(row, 2);
		String name = cell(row, 3);
		String idNumber = IdNumber.normalise(cell(row, 4));
		String phone = PhoneNumber.normalise(cell(row, 5));
		String relation = cell(row, 6);
		String ethnicity = cell(row, 7);
		String political = cell(row, 8);
		String tagText = cell(row, 9);
		Region grid = null;
		if (!StringUtils.hasText(gridCode)) {
			errors.add(msg("import.row.gridRequired"));
		}
		else {
			grid = regions.findByCode(gridCode).filter(g -> user.covers(g.path) && g.type.holdsHouseholds()).orElse(null);
			if (grid == null) {
				errors.add(msg("import.row.gridUnknown", gridCode));
			}
		}
		if (!StringUtils.hasText(address)) {
			errors.add(msg("import.row.addressRequired"));
		}
		else if (address.length() > 200) {
			errors.add(msg("import.row.addressTooLong"));
		}
		Household.Status hs = Household.Status.RESIDENT;
		if (StringUtils.hasText(householdStatus)) {
			hs = HOUSEHOLD_STATUS.get(householdStatus);
			if (hs == null) {
				errors.add(msg("import.row.householdStatusInvalid", householdStatus));
			}
		}
		if (!StringUtils.hasText(name)) {
			errors.add(msg("import.row.nameRequired"));
		}
		else if (name.length() > 64) {
			errors.add(msg("import.row.nameTooLong"));
		}
		if (!StringUtils.hasText(idNumber)) {
			errors.add(msg("import.row.idRequired"));
			idNumber = null;
		}
		else if (!IdNumber.isValid(idNumber)) {
			errors.add(msg("import.row.idInvalid", IdNumber.mask(idNumber)));
			idNumber = null;
		}
		if (StringUtils.hasText(phone) && !PhoneNumber.isValid(phone)) {
			errors.add(msg("import.row.phoneInvalid"));
		}
		Resident.Relation rel = RELATIONS.get(relation);
		if (rel == null) {
			errors.add(StringUtils.hasText(relation) ? msg("import.row.relationInvalid", relation) : msg("import.row.relationRequired"));
		}
		if (ethnicity.length() > 16) {
			errors.add(msg("import.row.ethnicityTooLong"));
		}
		Resident.PoliticalStatus ps = Resident.PoliticalStatus.MASSES;
		if (StringUtils.hasText(political)) {
			ps = POLITICAL.get(political);
			if (ps == null) {
				errors.add(msg("import.row.politicalInvalid", political));
			}
		}
		Set<String> codes = new LinkedHashSet<>();
		if (StringUtils.hasText(tagText)) {
			for (String t : tagText.split("[、,，;；]")) {
				if (t.isBlank()) {
					continue;
				}
				var tag = tags.resolve(t).filter(d -> d.appliesTo().equals("RESIDENT"));
				if (tag.isEmpty()) {
					errors.add(msg("import.row.tagUnknown", t.strip()));
				}
				else {
					codes.add(tag.get().code());
				}
			}
		}
		return new Line(rowNum, gridCode, address, hs, name, idNumber, phone, rel,
				StringUtils.hasText(ethnicity) ? ethnicity : "汉族", ps, codes);
	}

	/** A household that does not exist yet needs exactly one head in the file. */
	private void checkHeads(List<Line> lines, Map<Integer, List<String>> errors) {
		Map<String, List<Line>> byHousehold = new LinkedHashMap<>();
		for (Line line : lines) {
			byHousehold.computeIfAbsent(line.gridCode() + "|" + line.address(), k -> new ArrayList<>()).add(line);
		}
		for (List<Line> group : byHousehold.values()) {
			Line first = group.get(0);
			Region grid = regions.findByCode(first.gridCode()).orElseThrow();
			var household = households.findByRegionIdAndAddress(grid.id, first.address());
			boolean exists = household.isPresent();
			List<Line> heads = group.stream().filter(l -> l.relation() == Resident.Relation.HEAD).toList();
			if (heads.size() > 1) {
				heads.forEach(l -> errors.computeIfAbsent(l.rowIndex(), k -> new ArrayList<>()).add(msg("import.row.twoHeads")));
			}
			else if (heads.isEmpty() && !exists) {
				errors.computeIfAbsent(first.rowIndex(), k -> new ArrayList<>()).add(msg("import.row.noHead"));
			}
			else if (heads.size() == 1 && exists) {
				// a household already in keeps its head unless the file names the same person: found here, with the
				// row, rather than by a batch halfway through the file
				Line head = heads.get(0);
				Household h = household.get();
				Optional.ofNullable(h.headResidentId).flatMap(residents::findById)
					.filter(r -> r.relation == Resident.Relation.HEAD && h.id.equals(r.householdId)
							&& (r.status == Resident.Status.PRESENT || r.status == Resident.Status.AWAY))
					.filter(r -> !r.idNumberHash.equals(protector.lookupHashOfIdNumber(head.idNumber())))
					.ifPresent(r -> errors.computeIfAbsent(head.rowIndex(), k -> new ArrayList<>())
						.add(msg("registry.resident.headTaken", r.name)));
			}
		}
		lines.removeIf(l -> errors.containsKey(l.rowIndex()));
	}

	/**
	 * Whether a line's ID number belongs to a resident outside the importer's scope. Such a file is refused whole,
	 * without naming the line or the resident (which numbers are registered elsewhere is not the importer's to learn):
	 * each refusal takes one use of the same per-person allowance as entering a taken number by hand, and each
	 * resident concerned is kept in the audit trail.
	 */
	private boolean registeredElsewhere(CurrentUser user, List<Line> lines) {
		List<Resident> elsewhere = new ArrayList<>();
		for (Line line : lines) {
			residents.findByIdNumberHash(protector.lookupHashOfIdNumber(line.idNumber()))
				.filter(r -> !user.covers(r.regionPath))
				.ifPresent(elsewhere::add);
		}
		if (elsewhere.isEmpty()) {
			return false;
		}
		residentRegister.checkCollisionLimit(user);
		transactions.executeWithoutResult(tx -> elsewhere
			.forEach(r -> audit.record(AuditAction.REVEAL, "resident_id_collision", r.id, r.regionPath, "import", null, null)));
		return true;
	}

	/** The lines household by household, in the file's order, each household's head first (it is registered first). */
	private static List<Line> inHouseholds(List<Line> lines) {
		Map<String, List<Line>> byHousehold = new LinkedHashMap<>();
		for (Line line : lines) {
			byHousehold.computeIfAbsent(line.gridCode() + "|" + line.address(), k -> new ArrayList<>()).add(line);
		}
		List<Line> ordered = new ArrayList<>(lines.size());
		for (List<Line> group : byHousehold.values()) {
			group.stream().filter(l -> l.relation() == Resident.Relation.HEAD).forEach(ordered::add);
			group.stream().filter(l -> l.relation() != Resident.Relation.HEAD).forEach(ordered::add);
		}
		return ordered;
	}

	/** What the job has done so far. */
	private static final class Tally {

		int householdsCreated;
		int created;
		int updated;

		Map<String, Integer> counts() {
			Map<String, Integer> counts = new LinkedHashMap<>();
			counts.put("householdsCreated", householdsCreated);
			counts.put("residentsCreated", created);
			counts.put("residentsUpdated", updated);
			return counts;
		}

	}

	/**
	 * The job: the checked lines in, batch by batch, each batch its own transaction (the households and residents it
	 * registers and their audit entries, all or none); the last entry says what the whole file did. The job's created
	 * and skipped are the residents added and those already in (updated).
	 */
	private String takeIn(CurrentUser user, List<Line> lines, Jobs.Progress progress) {
		Tally tally = new Tally();
		progress.advanced(0, 0, 0, tally.counts());
		for (int from = 0; from < lines.size(); from += BATCH) {
			List<Line> batch = lines.subList(from, Math.min(lines.size(), from + BATCH));
			Tally done = transactions.execute(tx -> takeInBatch(user, batch));
			tally.householdsCreated += done.householdsCreated;
			tally.created += done.created;
			tally.updated += done.updated;
			progress.advanced(from + batch.size(), tally.created, tally.updated, tally.counts());
		}
		transactions.executeWithoutResult(tx -> audit.record(AuditAction.IMPORT, "registry_import", null, user.regionPath(),
				"rows " + lines.size() + ", households created " + tally.householdsCreated + ", residents created " + tally.created
						+ ", updated " + tally.updated,
				null, null));
		return null;
	}

	/**
	 * One batch. A household already in (its grid and address; one an earlier batch or an earlier run created) is
	 * used, not created again; a resident already in (by ID number) is updated, not added again.
	 */
	private Tally takeInBatch(CurrentUser user, List<Line> batch) {
		Tally tally = new Tally();
		Map<String, Long> householdIds = new HashMap<>();
		for (Line line : batch) {
			String key = line.gridCode() + "|" + line.address();
			Long householdId = householdIds.get(key);
			if (householdId == null) {
				Region grid = regions.findByCode(line.gridCode()).orElseThrow();
				var existing = households.findByRegionIdAndAddress(grid.id, line.address());
				if (existing.isPresent()) {
					householdId = existing.get().id;
				}
				else {
					householdId = householdRegister.register(user,
							new HouseholdForm(line.gridCode(), line.address(), line.householdStatus(), null, null, Set.of(), null)).id;
					tally.householdsCreated++;
				}
				householdIds.put(key, householdId);
			}
			var existing = residents.findByIdNumberHash(protector.lookupHashOfIdNumber(line.idNumber()));
			if (existing.isPresent()) {
				Resident r = existing.get();
				residentRegister.update(user, r.id, new ResidentForm(householdId, line.name(), null, null, null, line.phone(),
						line.relation(), line.ethnicity(), line.political(), r.status, union(r.getTagCodes(), line.tagCodes()), r.version));
				tally.updated++;
			}
			else {
				residentRegister.register(user, new ResidentForm(householdId, line.name(), null, null, line.idNumber(), line.phone(),
						line.relation(), line.ethnicity(), line.political(), Resident.Status.PRESENT, line.tagCodes(), null));
				tally.created++;
			}
		}
		return tally;
	}

	/** Row errors in the importing person's language. */
	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new LinkedHashSet<>(a);
		all.addAll(b);
		return all;
	}

	/**
	 * The sheet as read, each refused row marked with its errors in a column of its own, for the sender to correct
	 * and upload again: written afresh (streaming), so that a large upload is never loaded as a workbook model.
	 */
	private byte[] annotate(List<List<String>> sheet, Map<Integer, List<String>> errors) throws IOException {
		try (org.apache.poi.xssf.streaming.SXSSFWorkbook workbook = new org.apache.poi.xssf.streaming.SXSSFWorkbook(200);
				ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet target = workbook.createSheet();
			int errorColumn = HEADERS.size();
			CellStyle red = workbook.createCellStyle();
			red.setFillForegroundColor(IndexedColors.ROSE.getIndex());
			red.setFillPattern(FillPatternType.SOLID_FOREGROUND);
			red.setWrapText(true);
			for (int r = 0; r < sheet.size(); r++) {
				Row row = target.createRow(r);
				List<String> cells = sheet.get(r);
				for (int c = 0; c < Math.min(cells.size(), errorColumn); c++) {
					row.createCell(c).setCellValue(cells.get(c));
				}
				if (r == 0) {
					row.createCell(errorColumn).setCellValue(msg("import.errors"));
				}
				else if (errors.containsKey(r)) {
					Cell cell = row.createCell(errorColumn);
					cell.setCellValue(String.join("；", errors.get(r)));
					cell.setCellStyle(red);
				}
			}
			target.setColumnWidth(errorColumn, 60 * 256);
			workbook.write(out);
			workbook.dispose();
			return out.toByteArray();
		}
	}

	private static boolean isBlank(List<String> row) {
		for (int i = 0; i < HEADERS.size(); i++) {
			if (StringUtils.hasText(cell(row, i))) {
				return false;
			}
		}
		return true;
	}

	private static String cell(List<String> row, int index) {
		return index < row.size() && row.get(index) != null ? row.get(index).strip() : "";
	}

}
