package org.grassroots.appeals.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.AppealLimits;
import org.grassroots.appeals.AppealRating;
import org.grassroots.appeals.AppealStatus;
import org.grassroots.appeals.AppealStep;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.ProtectedValue;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.ResidentDirectory;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.InputRejected.FieldProblem;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * What people do with appeals, one short command per step: load the appeal in the person's scope, check that they may
 * take the step ({@link AllowedSteps}) on the version they saw, let the appeal take it (its own rules), save.
 */
@Service
public class AppealHandling {

	private final Appeals appeals;
	private final AppealRows rows;
	private final IntakeRules rules;
	private final AllowedSteps allowed;
	private final AppealDeadlines deadlines;
	private final RegionTree regions;
	private final AppealCategories categories;
	private final org.grassroots.registry.CountyDepartments countyDepartments;
	private final PersonalDataProtector protector;
	private final ResidentDirectory residents;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final org.grassroots.audit.AuditTrail audit;
	private final org.grassroots.privacy.PhotoCleaner cleaner;

	AppealHandling(Appeals appeals, AppealRows rows, IntakeRules rules, AllowedSteps allowed, AppealDeadlines deadlines,
			RegionTree regions, AppealCategories categories, PersonalDataProtector protector, ResidentDirectory residents, JdbcClient jdbc,
			Clock clock, org.grassroots.registry.CountyDepartments countyDepartments, org.grassroots.audit.AuditTrail audit,
			org.grassroots.privacy.PhotoCleaner cleaner) {
		this.audit = audit;
		this.cleaner = cleaner;
		this.countyDepartments = countyDepartments;
		this.categories = categories;
		this.appeals = appeals;
		this.rows = rows;
		this.rules = rules;
		this.allowed = allowed;
		this.deadlines = deadlines;
		this.regions = regions;
		this.protector = protector;
		this.residents = residents;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Appeal get(CurrentUser user, long id) {
		user.require(Permission.APPEAL_READ);
		Appeal appeal = appeals.findById(id).orElseThrow(OutOfScopeException::new);
		user.requireInScope(appeal.regionPath);
		return appeal;
	}

	/** The steps this person may take on the appeal now (for the API and the page's buttons). */
	public Set<AppealStep> allowedSteps(CurrentUser user, Appeal appeal) {
		return allowed.of(user, appeal);
	}

	public Instant now() {
		return clock.instant();
	}

	public List<TimelineEntry> timeline(CurrentUser user, long id) {
		get(user, id);
		return jdbc.sql("SELECT * FROM appeals_event WHERE appeal_id = :id ORDER BY occurred_at, id")
			.param("id", id)
			.query((rs, i) -> new TimelineEntry(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
					AppealStep.valueOf(rs.getString("action")),
					rs.getString("from_status") == null ? null : AppealStatus.valueOf(rs.getString("from_status")),
					AppealStatus.valueOf(rs.getString("to_status")), AppealLevel.valueOf(rs.getString("level")), rs.getString("note"),
					rs.getBoolean("public_visible"), rs.getString("media_url")))
			.list();
	}

	/** The timeline of an appeal {@link #submit submitted} just now: the one entry its submission wrote. */
	public List<TimelineEntry> submittedTimeline(Appeal appeal) {
		return List.of(new TimelineEntry(appeal.submittedAt, appeal.submittedBy, AppealStep.SUBMIT, null, appeal.status, appeal.level,
				null, true));
	}

	/** The steps a resident may see on the tracking page: no staff names, only what happened, and the notes meant for them. */
	public List<TimelineEntry> publicTimeline(long id) {
		return jdbc.sql("SELECT * FROM appeals_event WHERE appeal_id = :id AND public_visible = TRUE ORDER BY occurred_at, id")
			.param("id", id)
			.query((rs, i) -> {
				AppealStep step = AppealStep.valueOf(rs.getString("action"));
				return new TimelineEntry(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), null, step, null,
						AppealStatus.valueOf(rs.getString("to_status")), AppealLevel.valueOf(rs.getString("level")),
						step.noteShownToResident() ? rs.getString("note") : null, true);
			})
			.list();
	}

	/** Staff intake: an appeal point, a walk-in, a phone call, or a grid worker's report. */
	@Transactional
	public Appeal submit(CurrentUser user, IntakeForm form) {
		user.require(Permission.APPEAL_INTAKE);
		ResidentDirectory.ResidentRef resident = null;
		if (StringUtils.hasText(form.resident())) {
			resident = residents.find(user, form.resident())
				.orElseThrow(() -> new InputRejected("resident", "appeal.resident.unknown"));
		}
		String regionCode = StringUtils.hasText(form.regionCode()) ? form.regionCode().strip()
				: resident != null ? resident.regionCode() : null;
		String name = StringUtils.hasText(form.reporterName()) ? form.reporterName() : resident != null ? resident.name() : null;
		List<FieldProblem> placeProblems = new ArrayList<>();
		RegionNode region = null;
		if (regionCode == null) {
			placeProblems.add(new FieldProblem("regionCode", "validation.required", new Object[0]));
		}
		else {
			region = regions.byCode(regionCode).filter(r -> user.covers(r.path())).orElse(null);
			if (region == null) {
				placeProblems.add(new FieldProblem("regionCode", "registry.region.outOfScope", new Object[0]));
			}
			else if (region.depth() < AppealLevel.VILLAGE.depth()) {
				placeProblems.add(new FieldProblem("regionCode", "appeal.region.tooHigh", new Object[0]));
			}
		}
		var category = rules.check(IntakeRules.Draft.of(form.channel(), form.categoryCode(), form.description())
			.place(form.locationText(), null, null)
			.reporter(name, form.phone(), false)).orReject(placeProblems);
		ProtectedValue phone = StringUtils.hasText(form.phone()) ? protector.protectPhone(form.phone())
				: resident != null && resident.phone().cipher() != null ? resident.phone() : null;
		AppealIntake intake = AppealIntake.of(form.channel(), form.description(), user.username())
			.place(form.locationText(), null, null)
			.reporter(name, phone)
			.resident(resident == null ? null : resident.id());
		return create(intake, category, region);
	}

	/** A new appeal from any channel's checked intake, saved with its timeline entry, its event and its audit entry. */
	Appeal create(AppealIntake intake, AppealCategories.Category category, RegionNode region) {
		Appeal appeal = Appeal.submit(intake, category, region, deadlines, clock);
		rows.create(appeal);
		return appeal;
	}

	/** Many new appeals at once (a 12345 import), written a batch at a time. */
	void createAll(List<Appeal> batch) {
		rows.createAll(batch);
	}

	/** A new appeal, not yet saved (for a batch). */
	Appeal newAppeal(AppealIntake intake, AppealCategories.Category category, RegionNode region) {
		return Appeal.submit(intake, category, region, deadlines, clock);
	}

	/** A comment from outside on an appeal (an Open311 client's update): returns its timeline entry's id. */
	long comment(long appealId, String actor, String text, String mediaUrl) {
		Appeal appeal = appeals.findById(appealId).orElseThrow(OutOfScopeException::new);
		appeal.comment(actor, clock.instant(), text, mediaUrl);
		return rows.save(appeal).get(0);
	}

	/** The resident's own rating from the public tracking page. */
	@Transactional
	public Appeal rateByResident(long id, int version, AppealRating rating) {
		return rateByResident(id, version, rating, null);
	}

	/** The resident's rating, and for 不满意 why (kept on the timeline for the people handling it). */
	@Transactional
	public Appeal rateByResident(long id, int version, AppealRating rating, String why) {
		if (why != null && why.strip().length() > AppealLimits.NOTE_MAX) {
			throw new InputRejected("reason", "appeal.tooLong", AppealLimits.NOTE_MAX);
		}
		Appeal appeal = appeals.findById(id).orElseThrow(OutOfScopeException::new);
		requireVersion(appeal, version);
		appeal.rate("public", clock.instant(), rating, why);
		rows.save(appeal);
		return appeal;
	}

	@Transactional
	public Appeal accept(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, AppealStep.ACCEPT, a -> a.accept(user.username(), clock.instant()));
	}

	@Transactional
	public Appeal escalate(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, AppealStep.ESCALATE, a -> a.escalate(user.username(), clock.instant(), step.note().strip()));
	}

	@Transactional
	public Appeal resolve(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, AppealStep.RESOLVE, a -> a.resolve(user.username(), clock.instant(), step.note().strip()));
	}

	/**
	 * 办结 with photos of the result (as sent: checked by content and kept without their metadata, as the resident's are;
	 * refused by the field {@code photos} when one is not an image or too many came).
	 */
	@Transactional
	public Appeal resolve(CurrentUser user, long id, StepForm step, List<byte[]> photos) {
		if (photos.size() > AppealLimits.PHOTOS_MAX) {
			throw new InputRejected("photos", "appeal.photos.tooMany", AppealLimits.PHOTOS_MAX);
		}
		List<org.grassroots.privacy.PhotoCleaner.CleanPhoto> clean = new ArrayList<>(photos.size());
		for (byte[] photo : photos) {
			clean.add(cleaner.clean(photo)
				.orElseThrow(() -> new InputRejected("photos", "appeal.photos.invalid", AppealLimits.PHOTO_MAX_BYTES / 1024 / 1024)));
		}
		Appeal appeal = resolve(user, id, step);
		for (var photo : clean) {
			jdbc.sql("""
					INSERT INTO appeals_result_photo (appeal_id, content_type, bytes, byte_size, created_by, created_at)
					VALUES (:a, :t, :b, :s, :by, :at)""")
				.param("a", id).param("t", photo.contentType()).param("b", photo.bytes()).param("s", photo.bytes().length)
				.param("by", user.username()).param("at", OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC))
				.update();
		}
		if (!clean.isEmpty()) {
			audit.created("appeal", id, appeal.regionPath, clean.size() + " photos of the result of " + appeal.trackingCode,
					java.util.Map.of("resultPhotos", clean.size()));
		}
		return appeal;
	}

	/** The ids of the photos sent with the appeal's result, oldest first (read through {@link #get}: in the reader's scope). */
	public List<Long> resultPhotos(CurrentUser user, long id) {
		get(user, id);
		return jdbc.sql("SELECT id FROM appeals_result_photo WHERE appeal_id = :a ORDER BY id").param("a", id).query(Long.class).list();
	}

	/** A photo of the appeal's result, for a reader whose scope covers the appeal (404 for anyone else). */
	public org.grassroots.privacy.PhotoCleaner.CleanPhoto resultPhoto(CurrentUser user, long id, long photoId) {
		get(user, id);
		return jdbc.sql("SELECT content_type, bytes FROM appeals_result_photo WHERE id = :p AND appeal_id = :a")
			.param("p", photoId).param("a", id)
			.query((rs, i) -> new org.grassroots.privacy.PhotoCleaner.CleanPhoto(rs.getString(1), rs.getBytes(2)))
			.optional().orElseThrow(OutOfScopeException::new);
	}

	/** 转派/退回: to another unit, and perhaps another village or grid in the user's scope. */
	@Transactional
	public Appeal transfer(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, AppealStep.TRANSFER, a -> {
			if (!StringUtils.hasText(step.unit()) && !StringUtils.hasText(step.regionCode())) {
				throw new InputRejected("unit", "validation.required");
			}
			RegionNode target = null;
			if (StringUtils.hasText(step.regionCode())) {
				target = regions.byCode(step.regionCode().strip())
					.filter(r -> user.covers(r.path()) && r.depth() >= AppealLevel.VILLAGE.depth())
					.orElseThrow(() -> new InputRejected("regionCode", "registry.region.outOfScope"));
			}
			a.transfer(user.username(), clock.instant(), step.note().strip(), StringUtils.hasText(step.unit()) ? step.unit().strip() : null,
					target, categories.find(a.categoryCode).map(AppealCategories.Category::defaultLevel).orElse(AppealLevel.VILLAGE));
		});
	}

	/** Folds this appeal into another of the user's scope that reports the same matter. */
	@Transactional
	public Appeal merge(CurrentUser user, long id, StepForm step) {
		List<Appeal> kept = new ArrayList<>(1);
		Appeal merged = step(user, id, step, AppealStep.MERGE, a -> {
			if (!StringUtils.hasText(step.target())) {
				throw new InputRejected("target", "validation.required");
			}
			Appeal target = jdbc.sql("SELECT id FROM appeals_appeal WHERE tracking_code = :c")
				.param("c", step.target().strip().toUpperCase())
				.query(Long.class).optional().flatMap(appeals::findById)
				.filter(t -> user.covers(t.regionPath))
				.orElseThrow(() -> new InputRejected("target", "appeal.merge.unknown"));
			a.mergeInto(user.username(), clock.instant(), target);
			kept.add(target);
		});
		kept.forEach(rows::save);
		return merged;
	}

	/** 延期: granted once, from the township up; the new deadline counts on from the old one. */
	@Transactional
	public Appeal extend(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, AppealStep.EXTEND, a -> {
			if (step.days() == null) {
				throw new InputRejected("days", "appeal.extend.days");
			}
			a.extend(user.username(), clock.instant(), step.note().strip(), step.days(), deadlines);
		});
	}

	/** 吹哨: the township calls in county departments; each must report in within the report-in time. */
	@Transactional
	public Appeal whistle(CurrentUser user, long id, StepForm step) {
		List<String> departments = step.departments() == null ? List.of()
				: Arrays.stream(step.departments().split("[,，、;；\\n]")).map(String::strip).filter(d -> !d.isEmpty()).distinct()
					.toList();
		return step(user, id, step, AppealStep.WHISTLE, a -> {
			if (departments.isEmpty() || departments.size() > AppealLimits.DEPARTMENTS_MAX) {
				throw new InputRejected("departments", "appeal.whistle.departments.invalid");
			}
			// only the county's departments (as recorded): a whistle to a name nobody answers to would go silently overdue
			List<String> known = countyDepartments.namesFor(a.regionPath);
			for (String department : departments) {
				if (!known.contains(department)) {
					throw new InputRejected("departments", "appeal.whistle.department.unknown", department);
				}
			}
			a.whistle(user.username(), clock.instant(), departments, step.note(), deadlines);
		});
	}

	/** 报到: a whistled department answers. Only that department's staff, once. */
	@Transactional
	public Appeal reportIn(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, AppealStep.REPORT_IN,
				a -> a.reportIn(user.username(), clock.instant(), user.department(), step.note().strip()));
	}

	@Transactional
	public Appeal rate(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, AppealStep.RATE, a -> {
			if (step.rating() == null) {
				throw new InputRejected("rating", "validation.required");
			}
			a.rate(user.username(), clock.instant(), step.rating());
		});
	}

	@Transactional
	public Appeal reopen(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, AppealStep.REOPEN, a -> a.reopen(user.username(), clock.instant(), step.note().strip()));
	}

	@Transactional
	public Appeal reject(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, AppealStep.REJECT, a -> a.reject(user.username(), clock.instant(), step.note().strip()));
	}

	@Transactional
	public Appeal close(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, AppealStep.CLOSE, a -> a.close(user.username(), clock.instant(), noteOf(step)));
	}

	/**
	 * Refers an open appeal to mediation as a dispute case: its status stays as it is, the timeline says so, and the
	 * disputes module opens the case from the event.
	 */
	@Transactional
	public Appeal referToMediation(CurrentUser user, long id, StepForm step) {
		return step(user, id, step, AppealStep.MEDIATION, a -> a.referToMediation(user.username(), clock.instant(), noteOf(step),
				regions.byId(a.regionId).map(RegionNode::code).orElseThrow()));
	}

	/**
	 * Every step the same way: the right, scope and level come first (403, and nothing about the appeal leaks to someone
	 * outside it), then the note the step needs (400), the version the person saw (409), and the appeal's own rule (409).
	 */
	private Appeal step(CurrentUser user, long id, StepForm form, AppealStep step, Consumer<Appeal> take) {
		Appeal appeal = get(user, id);
		allowed.require(user, appeal, step);
		if (step.noteRequired() && !StringUtils.hasText(form.note())) {
			throw new InputRejected("note", "validation.required");
		}
		requireVersion(appeal, form.version());
		take.accept(appeal);
		rows.save(appeal);
		return appeal;
	}

	private static void requireVersion(Appeal appeal, Integer seen) {
		if (seen == null || !seen.equals(appeal.version)) {
			throw new OptimisticLockingFailureException("Appeal " + appeal.id + " changed since it was opened");
		}
	}

	private static String noteOf(StepForm step) {
		return StringUtils.hasText(step.note()) ? step.note().strip() : null;
	}

}
