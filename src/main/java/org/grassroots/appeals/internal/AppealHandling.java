package org.grassroots.appeals.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.AppealRating;
import org.grassroots.appeals.AppealStatus;
import org.grassroots.appeals.AppealSubmitted;
import org.grassroots.appeals.AppealTransitioned;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.PhoneNumber;
import org.grassroots.privacy.ProtectedValue;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.ResidentDirectory;
import org.grassroots.registry.RegionTree;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.InputRejected.FieldProblem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Every user action on an appeal: one method per step, each checking permission, scope, the level
 * the user works at, the version they saw, and recording the step in the timeline and the audit trail.
 */
@Service
public class AppealHandling {

	private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private final Appeals appeals;
	private final AppealRows rows;
	private final AppealCategories categories;
	private final RegionTree regions;
	private final WorkingCalendar calendar;
	private final PersonalDataProtector protector;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final JdbcClient jdbc;
	private final org.springframework.jdbc.core.JdbcTemplate batchJdbc;
	private final ResidentDirectory residents;
	private final SecureRandom random = new SecureRandom();
	private final Clock clock;
	private int reportInHours = 4;

	@org.springframework.beans.factory.annotation.Value("${grassroots.appeals.report-in-hours:4}")
	void setReportInHours(int hours) {
		this.reportInHours = hours;
	}

	AppealHandling(Appeals appeals, AppealRows rows, AppealCategories categories, RegionTree regions, WorkingCalendar calendar,
			PersonalDataProtector protector, AuditTrail audit, ApplicationEventPublisher events, JdbcClient jdbc,
			ResidentDirectory residents, org.springframework.jdbc.core.JdbcTemplate batchJdbc) {
		this.batchJdbc = batchJdbc;
		this.residents = residents;
		this.appeals = appeals;
		this.rows = rows;
		this.categories = categories;
		this.regions = regions;
		this.calendar = calendar;
		this.protector = protector;
		this.audit = audit;
		this.events = events;
		this.jdbc = jdbc;
		this.clock = Clock.systemUTC();
	}

	public record TimelineEntry(Instant at, String actor, String action, AppealStatus from, AppealStatus to, AppealLevel level,
			String note, boolean publicVisible) {
	}

	public Appeal get(CurrentUser user, long id) {
		user.require(Permission.APPEAL_READ);
		Appeal appeal = appeals.findById(id).orElseThrow(OutOfScopeException::new);
		user.requireInScope(appeal.regionPath);
		return appeal;
	}

	public List<TimelineEntry> timeline(CurrentUser user, long id) {
		get(user, id);
		return jdbc.sql("SELECT * FROM appeals_event WHERE appeal_id = :id ORDER BY occurred_at, id")
			.param("id", id)
			.query((rs, i) -> new TimelineEntry(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
					rs.getString("actor"), rs.getString("action"),
					rs.getString("from_status") == null ? null : AppealStatus.valueOf(rs.getString("from_status")),
					AppealStatus.valueOf(rs.getString("to_status")), AppealLevel.valueOf(rs.getString("level")),
					rs.getString("note"), rs.getBoolean("public_visible")))
			.list();
	}

	/** The timeline of an appeal {@link #submit submitted} just now: the one entry its submission wrote. */
	public List<TimelineEntry> submittedTimeline(Appeal appeal) {
		return List.of(new TimelineEntry(appeal.submittedAt, appeal.submittedBy, "SUBMIT", null, appeal.status, appeal.level, null, true));
	}

	/** The steps a resident may see on the tracking page: no staff names, only what happened. */
	public List<TimelineEntry> publicTimeline(long id) {
		return jdbc.sql("SELECT * FROM appeals_event WHERE appeal_id = :id AND public_visible = TRUE ORDER BY occurred_at, id")
			.param("id", id)
			.query((rs, i) -> new TimelineEntry(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), null,
					rs.getString("action"), null, AppealStatus.valueOf(rs.getString("to_status")),
					AppealLevel.valueOf(rs.getString("level")),
					rs.getString("action").equals("REJECT") || rs.getString("action").equals("RESOLVE") ? rs.getString("note") : null,
					true))
			.list();
	}

	/** Staff intake: an appeal point, a walk-in, a phone call, or a grid worker's report. */
	@Transactional
	public Appeal submit(CurrentUser user, IntakeForm form) {
		user.require(Permission.APPEAL_INTAKE);
		List<FieldProblem> problems = new ArrayList<>();
		ResidentDirectory.ResidentRef resident = null;
		if (StringUtils.hasText(form.resident())) {
			resident = residents.find(user, form.resident()).orElse(null);
			if (resident == null) {
				throw new InputRejected("resident", "appeal.resident.unknown");
			}
			form = new IntakeForm(form.channel(), form.categoryCode(), form.description(),
					StringUtils.hasText(form.regionCode()) ? form.regionCode() : resident.regionCode(), form.locationText(),
					StringUtils.hasText(form.reporterName()) ? form.reporterName() : resident.name(), form.phone(), form.resident());
		}
		var category = categories.find(form.categoryCode() == null ? "" : form.categoryCode());
		if (category.isEmpty()) {
			problems.add(new FieldProblem("categoryCode", "appeal.category.unknown", new Object[0]));
		}
		RegionNode region = regions.byCode(form.regionCode() == null ? "" : form.regionCode().strip())
			.filter(r -> user.covers(r.path()))
			.orElse(null);
		if (!StringUtils.hasText(form.regionCode())) {
			problems.add(new FieldProblem("regionCode", "validation.required", new Object[0]));
		}
		else if (region == null) {
			problems.add(new FieldProblem("regionCode", "registry.region.outOfScope", new Object[0]));
		}
		else if (region.depth() < AppealLevel.VILLAGE.depth()) {
			problems.add(new FieldProblem("regionCode", "appeal.region.tooHigh", new Object[0]));
		}
		if (StringUtils.hasText(form.phone()) && !PhoneNumber.isValid(form.phone())) {
			problems.add(new FieldProblem("phone", "registry.resident.phone.invalid", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new InputRejected(problems);
		}
		Appeal appeal = newAppeal(form.channel(), category.get(), region, form.description(), form.locationText(),
				form.reporterName(), form.phone(), user.username());
		if (resident != null) {
			appeal.residentId = resident.id();
			if (!StringUtils.hasText(form.phone()) && resident.phone().cipher() != null) {
				appeal.phoneCipher = resident.phone().cipher();
				appeal.phoneHash = resident.phone().hash();
				appeal.phoneMasked = resident.phone().masked();
			}
		}
		return create(appeal, user.username());
	}

	/** A new appeal with its deadlines, not yet saved. */
	Appeal newAppeal(AppealChannel channel, AppealCategories.Category category, RegionNode region, String description,
			String locationText, String reporterName, String phoneNumber, String submittedBy) {
		return newAppeal(channel, category, region, description, locationText, reporterName, phoneNumber, submittedBy,
				Instant.now(clock), null);
	}

	/**
	 * A new appeal received at {@code receivedAt} (a 12345 order keeps its call time), due by the
	 * category's rule or, when the hand-off names one, by {@code dueOverride}.
	 */
	Appeal newAppeal(AppealChannel channel, AppealCategories.Category category, RegionNode region, String description,
			String locationText, String reporterName, String phoneNumber, String submittedBy, Instant receivedAt,
			Instant dueOverride) {
		Instant now = receivedAt;
		Appeal appeal = new Appeal();
		appeal.trackingCode = newTrackingCode();
		appeal.channel = channel;
		appeal.categoryCode = category.code();
		appeal.description = description.strip();
		appeal.regionId = region.id();
		appeal.regionPath = region.path();
		appeal.villageCode = villageCodeOf(region);
		appeal.locationText = StringUtils.hasText(locationText) ? locationText.strip() : null;
		appeal.reporterName = StringUtils.hasText(reporterName) ? reporterName.strip() : null;
		ProtectedValue phone = protector.protectPhone(phoneNumber);
		appeal.phoneCipher = phone.cipher();
		appeal.phoneHash = phone.hash();
		appeal.phoneMasked = phone.masked();
		appeal.status = AppealStatus.SUBMITTED;
		appeal.level = category.defaultLevel();
		appeal.handlingUnit = category.handlingUnit();
		appeal.submittedAt = now;
		appeal.submittedBy = submittedBy;
		appeal.responseDue = calendar.addWorkingHours(now, category.responseHours());
		appeal.resolutionDue = dueOverride != null ? dueOverride : calendar.dueAfterWorkingDays(now, category.resolutionDays());
		appeal.warningAt = calendar.addWorkingMinutes(now, calendar.workingMinutesBetween(now, appeal.resolutionDue) * 4 / 5);
		return appeal;
	}

	/** Saves a new appeal and records its submission: timeline, audit trail, event. */
	Appeal create(Appeal appeal, String actor) {
		rows.insert(appeal);
		record(appeal, actor, "SUBMIT", null, null, true, appeal.submittedAt);
		events.publishEvent(new AppealSubmitted(appeal.id, appeal.regionPath, appeal.villageCode, appeal.categoryCode,
				appeal.channel, appeal.level, appeal.submittedAt));
		// last: the audit entry takes the chain's one lock, held until commit, so nothing else waits under it
		audit.created("appeal", appeal.id, appeal.regionPath, appeal.trackingCode, appeal.snapshot());
		return appeal;
	}

	/**
	 * Many new appeals at once (a 12345 import), in batches: the appeals, their first timeline entries and
	 * their audit entries are written a batch at a time, and the rollups hear of the batch in one event.
	 */
	void createAll(List<Appeal> batch, String actor) {
		if (batch.isEmpty()) {
			return;
		}
		rows.insertAll(batch);
		List<Object[]> timeline = new java.util.ArrayList<>(batch.size());
		List<AuditTrail.Created> created = new java.util.ArrayList<>(batch.size());
		List<AppealSubmitted> submitted = new java.util.ArrayList<>(batch.size());
		for (Appeal appeal : batch) {
			timeline.add(new Object[] {appeal.id, OffsetDateTime.ofInstant(appeal.submittedAt, ZoneOffset.UTC), actor, "SUBMIT",
					appeal.status.name(), appeal.level.name()});
			created.add(new AuditTrail.Created(appeal.id, appeal.regionPath, appeal.trackingCode, appeal.snapshot()));
			submitted.add(new AppealSubmitted(appeal.id, appeal.regionPath, appeal.villageCode, appeal.categoryCode, appeal.channel,
					appeal.level, appeal.submittedAt));
		}
		batchJdbc.batchUpdate("""
				INSERT INTO appeals_event (appeal_id, occurred_at, actor, action, from_status, to_status, level, note, public_visible)
				VALUES (?, ?, ?, ?, NULL, ?, ?, NULL, TRUE)""", timeline);
		// the rollups before the audit entry, as in every appeal write: the shared rollup rows are always locked
		// before the audit chain's head, so two writers never wait on each other in a circle
		events.publishEvent(new org.grassroots.appeals.AppealsSubmitted(submitted));
		audit.createdAll("appeal", created);
	}

	/** The resident's own rating from the public tracking page. */
	@Transactional
	public Appeal rateByResident(long id, int version, AppealRating rating) {
		Appeal appeal = appeals.findById(id).orElseThrow(OutOfScopeException::new);
		if (version != appeal.version) {
			throw new OptimisticLockingFailureException("Appeal " + id + " changed since it was opened");
		}
		return transition(appeal, "public", "RATE", rating.name(), a -> a.rate(Instant.now(clock), rating));
	}

	@Transactional
	public Appeal accept(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, "ACCEPT", null, false, (a) -> a.accept(Instant.now(clock)));
	}

	@Transactional
	public Appeal escalate(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, "ESCALATE", step.note(), true, Appeal::escalate);
	}

	@Transactional
	public Appeal resolve(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, "RESOLVE", step.note(), true, a -> {
			AppealStatus from = a.resolve(Instant.now(clock), step.note().strip());
			// resolved with county departments that answered the whistle: the county level resolved it
			if (countReportedWhistles(a.id) > 0) {
				a.resolvedLevel = AppealLevel.COUNTY;
			}
			return from;
		});
	}

	/** 转派/退回: to another unit, and perhaps another village or grid in the user's scope. */
	@Transactional
	public Appeal transfer(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, "TRANSFER", step.note(), true, a -> {
			if (!StringUtils.hasText(step.unit()) && !StringUtils.hasText(step.regionCode())) {
				throw new InputRejected("unit", "validation.required");
			}
			RegionNode target = null;
			if (StringUtils.hasText(step.regionCode())) {
				target = regions.byCode(step.regionCode().strip())
					.filter(r -> user.covers(r.path()) && r.depth() >= AppealLevel.VILLAGE.depth())
					.orElseThrow(() -> new InputRejected("regionCode", "registry.region.outOfScope"));
			}
			return a.transfer(StringUtils.hasText(step.unit()) ? step.unit().strip() : a.handlingUnit,
					target == null ? null : target.id(), target == null ? null : target.path(),
					target == null ? null : villageCodeOf(target));
		});
	}

	/** Folds this appeal into another open one of the user's scope that reports the same matter. */
	@Transactional
	public Appeal merge(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, "MERGE", "→ " + step.target(), false, a -> {
			if (!StringUtils.hasText(step.target())) {
				throw new InputRejected("target", "validation.required");
			}
			Appeal target = jdbc.sql("SELECT id FROM appeals_appeal WHERE tracking_code = :c").param("c", step.target().strip().toUpperCase())
				.query(Long.class).optional().flatMap(appeals::findById)
				.filter(t -> user.covers(t.regionPath))
				.orElseThrow(() -> new InputRejected("target", "appeal.merge.unknown"));
			AppealStatus from = a.mergeInto(target, Instant.now(clock));
			record(target, user.username(), "MERGED_IN", target.status, a.trackingCode, true, Instant.now(clock));
			return from;
		});
	}

	/** 延期: granted once, from the township up; the new deadline counts on from the old one. */
	@Transactional
	public Appeal extend(CurrentUser user, long id, StepForm step) {
		requireTownshipOrAbove(user);
		return step(user, id, step, "EXTEND", step.note(), true, a -> {
			if (step.days() == null) {
				throw new InputRejected("days", "appeal.extend.days");
			}
			Instant due = calendar.dueAfterWorkingDays(a.resolutionDue, step.days());
			Instant warning = calendar.addWorkingMinutes(a.submittedAt, calendar.workingMinutesBetween(a.submittedAt, due) * 4 / 5);
			return a.extend(due, warning);
		});
	}

	/** 吹哨: the township calls in county departments; each must report in within the report-in time. */
	@Transactional
	public Appeal whistle(CurrentUser user, long id, StepForm step) {
		requireTownshipOrAbove(user);
		List<String> departments = step.departments() == null ? List.of()
				: java.util.Arrays.stream(step.departments().split("[,，、;；\\n]")).map(String::strip).filter(d -> !d.isEmpty())
					.distinct().toList();
		return step(user, id, step, "WHISTLE", String.join("、", departments) + (step.note() == null ? "" : "：" + step.note()), true, a -> {
			if (departments.isEmpty() || departments.size() > 5 || departments.stream().anyMatch(d -> d.length() > 64)) {
				throw new InputRejected("departments", "appeal.whistle.departments.invalid");
			}
			Instant now = Instant.now(clock);
			Instant due = calendar.addWorkingHours(now, reportInHours);
			for (String department : departments) {
				jdbc.sql("""
						INSERT INTO appeals_whistle (appeal_id, department, whistled_by, whistled_at, report_due)
						SELECT :a, :d, :by, :at, :due WHERE NOT EXISTS (SELECT 1 FROM appeals_whistle WHERE appeal_id = :a AND department = :d)""")
					.param("a", a.id).param("d", department).param("by", user.username())
					.param("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).param("due", OffsetDateTime.ofInstant(due, ZoneOffset.UTC))
					.update();
			}
			return a.whistle();
		});
	}

	/** 报到: a whistled department answers. Only that department's staff, once. */
	@Transactional
	public Appeal reportIn(CurrentUser user, long id, StepForm step) {
		Appeal appeal = get(user, id);
		if (!StringUtils.hasText(user.department())) {
			throw new AccessDeniedException("Only a department reports in");
		}
		if (!StringUtils.hasText(step.note())) {
			throw new InputRejected("note", "validation.required");
		}
		Instant now = Instant.now(clock);
		int updated = jdbc.sql("""
				UPDATE appeals_whistle SET reported_at = :at, reported_by = :by, reply = :reply
				WHERE appeal_id = :a AND department = :d AND reported_at IS NULL""")
			.param("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).param("by", user.username())
			.param("reply", step.note().strip()).param("a", id).param("d", user.department())
			.update();
		if (updated == 0) {
			throw new TransitionNotAllowed("report in", appeal.status);
		}
		record(appeal, user.username(), "REPORT_IN", appeal.status, user.department() + "：" + step.note().strip(), true, now);
		audit.updated("appeal", appeal.id, appeal.regionPath, "REPORT_IN " + user.department(), null,
				Map.of("department", user.department(), "reply", step.note().strip()));
		return appeal;
	}

	public record Whistle(String department, Instant whistledAt, Instant reportDue, Instant reportedAt, String reportedBy,
			String reply) {

		public boolean late() {
			return reportedAt == null ? Instant.now().isAfter(reportDue) : reportedAt.isAfter(reportDue);
		}

	}

	public List<Whistle> whistles(long appealId) {
		return jdbc.sql("SELECT * FROM appeals_whistle WHERE appeal_id = :a ORDER BY id").param("a", appealId)
			.query((rs, i) -> new Whistle(rs.getString("department"), rs.getObject("whistled_at", OffsetDateTime.class).toInstant(),
					rs.getObject("report_due", OffsetDateTime.class).toInstant(),
					rs.getObject("reported_at", OffsetDateTime.class) == null ? null : rs.getObject("reported_at", OffsetDateTime.class).toInstant(),
					rs.getString("reported_by"), rs.getString("reply")))
			.list();
	}

	private long countReportedWhistles(long appealId) {
		return jdbc.sql("SELECT COUNT(*) FROM appeals_whistle WHERE appeal_id = :a AND reported_at IS NOT NULL").param("a", appealId)
			.query(Long.class).single();
	}

	private static void requireTownshipOrAbove(CurrentUser user) {
		user.require(Permission.APPEAL_HANDLE);
		int depth = user.depth();
		if (depth > AppealLevel.TOWNSHIP.depth()) {
			throw new AccessDeniedException("Only the township or the county may do this");
		}
	}

	@Transactional
	public Appeal rate(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, "RATE", step.rating() == null ? null : step.rating().name(), false, a -> {
			if (step.rating() == null) {
				throw new InputRejected("rating", "validation.required");
			}
			return a.rate(Instant.now(clock), step.rating());
		});
	}

	@Transactional
	public Appeal reopen(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, "REOPEN", step.note(), true, a -> a.reopen(step.note()));
	}

	@Transactional
	public Appeal reject(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, "REJECT", step.note(), true, a -> a.reject(Instant.now(clock), step.note().strip()));
	}

	@Transactional
	public Appeal close(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, "CLOSE", step.note(), false, a -> a.close(Instant.now(clock)));
	}

	/**
	 * Refers an open appeal to mediation as a dispute case: its status stays as it is, the timeline says
	 * so, and the disputes module opens the case from the event.
	 */
	@Transactional
	public Appeal referToMediation(CurrentUser user, long id, StepForm step) {
		user.require(Permission.APPEAL_HANDLE);
		Appeal appeal = get(user, id);
		requireLevel(user, appeal.level);
		if (step.version() == null || !step.version().equals(appeal.version)) {
			throw new OptimisticLockingFailureException("Appeal " + id + " changed since it was opened");
		}
		boolean referredBefore = jdbc.sql("SELECT COUNT(*) FROM appeals_event WHERE appeal_id = :id AND action = 'MEDIATION'")
			.param("id", appeal.id).query(Long.class).single() > 0;
		if (!appeal.status.isOpen() || referredBefore) {
			throw new TransitionNotAllowed("refer to mediation", appeal.status);
		}
		Instant now = Instant.now(clock);
		String note = StringUtils.hasText(step.note()) ? step.note().strip() : null;
		record(appeal, user.username(), "MEDIATION", appeal.status, note, true, now);
		String regionCode = regions.byId(appeal.regionId).map(RegionNode::code).orElseThrow();
		audit.updated("appeal", appeal.id, appeal.regionPath, "REFER_TO_MEDIATION " + appeal.trackingCode,
				Map.of("mediation", "—"), Map.of("mediation", "referred"));
		events.publishEvent(new org.grassroots.appeals.AppealReferredToMediation(appeal.id, appeal.trackingCode, regionCode,
				appeal.description, user.username(), now));
		return appeal;
	}

	/** Permission, scope and level come first, so that nothing about an appeal leaks to someone outside it. */
	private Appeal step(CurrentUser user, long id, StepForm step, String action, String note, boolean noteRequired,
			Function<Appeal, AppealStatus> change) {
		user.require(Permission.APPEAL_HANDLE);
		Appeal appeal = get(user, id);
		requireLevel(user, appeal.level);
		if (noteRequired && !StringUtils.hasText(note)) {
			throw new InputRejected("note", "validation.required");
		}
		if (step.version() == null || !step.version().equals(appeal.version)) {
			throw new OptimisticLockingFailureException("Appeal " + id + " changed since it was opened");
		}
		return transition(appeal, user.username(), action, note, change);
	}

	private Appeal transition(Appeal appeal, String actor, String action, String note, Function<Appeal, AppealStatus> change) {
		Map<String, Object> before = appeal.snapshot();
		boolean acceptedBefore = appeal.acceptedAt != null;
		AppealLevel resolvedLevelBefore = appeal.resolvedLevel;
		boolean resolvedOnTimeBefore = appeal.resolvedAt != null && !appeal.resolvedAt.isAfter(appeal.resolutionDue);
		AppealStatus from = change.apply(appeal);
		rows.update(appeal);
		Instant now = Instant.now(clock);
		record(appeal, actor, action, from, note, true, now);
		boolean firstAcceptance = !acceptedBefore && appeal.acceptedAt != null;
		boolean resolution = appeal.status == AppealStatus.RESOLVED && from != AppealStatus.RESOLVED;
		boolean undone = resolvedLevelBefore != null && appeal.resolvedLevel == null;
		events.publishEvent(new AppealTransitioned(appeal.id, appeal.regionPath, appeal.categoryCode, appeal.channel,
				appeal.submittedAt, action, from, appeal.status, appeal.level, now, firstAcceptance,
				firstAcceptance && !appeal.acceptedAt.isAfter(appeal.responseDue), resolution ? appeal.resolvedLevel : null,
				resolution && !appeal.resolvedAt.isAfter(appeal.resolutionDue),
				action.equals("RATE") ? appeal.rating : null, undone ? resolvedLevelBefore : null,
				undone && resolvedOnTimeBefore));
		// after the rollups (see createAll)
		audit.updated("appeal", appeal.id, appeal.regionPath, action + " " + appeal.trackingCode, before, appeal.snapshot());
		return appeal;
	}

	/**
	 * Village-level appeals may be handled by anyone whose scope covers them; an appeal escalated to
	 * the township is handled from the township up, and a county one from the county.
	 */
	private static void requireLevel(CurrentUser user, AppealLevel level) {
		int userDepth = user.depth();
		if (level != AppealLevel.VILLAGE && userDepth > level.depth()) {
			throw new AccessDeniedException("This appeal is handled at the " + level + " level");
		}
	}

	private void record(Appeal appeal, String actor, String action, AppealStatus from, String note, boolean publicVisible,
			Instant at) {
		jdbc.sql("""
				INSERT INTO appeals_event (appeal_id, occurred_at, actor, action, from_status, to_status, level, note, public_visible)
				VALUES (:id, :at, :actor, :action, :from, :to, :level, :note, :public)""")
			.param("id", appeal.id)
			.param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
			.param("actor", actor)
			.param("action", action)
			.param("from", from == null ? null : from.name())
			.param("to", appeal.status.name())
			.param("level", appeal.level.name())
			.param("note", note)
			.param("public", publicVisible)
			.update();
	}

	/** The village or community the region belongs to (the node at depth 2 of its path). */
	private static String villageCodeOf(RegionNode region) {
		String[] codes = region.path().substring(1).split("/");
		return codes[Math.min(AppealLevel.VILLAGE.depth(), codes.length - 1)];
	}

	private String newTrackingCode() {
		StringBuilder code = new StringBuilder(10);
		for (int i = 0; i < 10; i++) {
			code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
		}
		return code.toString();
	}

}
