package org.grassroots.appeals.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.AppealCounts;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.AppealRating;
import org.grassroots.appeals.AppealReferredToMediation;
import org.grassroots.appeals.AppealStatus;
import org.grassroots.appeals.AppealStep;
import org.grassroots.appeals.AppealSubmitted;
import org.grassroots.appeals.AppealTransitioned;
import org.grassroots.registry.RegionNode;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An appeal (诉求) and everything that belongs to it: its whistles and the timeline of its steps. It is made by
 * {@link #submit} from one {@link AppealIntake}, whatever the channel, and changes only through its step methods; each
 * checks that the step is allowed now ({@link #allows}), changes the state, writes the step to the timeline and registers
 * the event whose counts ({@link AppealCounts}) keep the figures. {@link AppealRows} saves what a step left pending.
 */
@Table("appeals_appeal")
public class Appeal {

	private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	private static final SecureRandom RANDOM = new SecureRandom();
	private static final Set<AppealStatus> OPEN = EnumSet.of(AppealStatus.SUBMITTED, AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS);

	@Id
	Long id;
	String trackingCode;
	AppealChannel channel;
	String categoryCode;
	String description;
	Long regionId;
	String regionPath;
	String villageCode;
	String locationText;
	Double latitude;
	Double longitude;
	Long residentId;
	String reporterName;
	String phoneCipher;
	String phoneHash;
	String phoneMasked;
	AppealStatus status;
	AppealLevel level;
	String handlingUnit;
	Instant submittedAt;
	String submittedBy;
	Instant responseDue;
	Instant resolutionDue;
	Instant acceptedAt;
	Instant resolvedAt;
	AppealLevel resolvedLevel;
	String resultText;
	String rejectionReason;
	AppealRating rating;
	Instant ratedAt;
	Instant closedAt;
	int reopenCount;
	String submissionKey;
	String clientHash;
	Instant warningAt;
	String externalRef;
	int extensionCount;
	Long mergedIntoId;
	String warningLevel = "NONE";
	/** When it was referred to mediation (once only). */
	Instant referredAt;
	/** A photo's address an outside client (Open311) sent with it. */
	String mediaUrl;
	@Version
	Integer version;

	/** The warning level was set back by a step (an extension): written; otherwise the deadline scan owns that column. */
	@Transient
	boolean warningReset;

	@MappedCollection(idColumn = "appeal_id")
	Set<Whistle> whistles = new HashSet<>();

	/** Steps taken since it was loaded, for {@link AppealRows} to write: timeline entries, audit entries, events. */
	@Transient
	private final List<Taken> taken = new ArrayList<>();
	/** A referral to mediation taken since it was loaded: the region code the disputes module opens the case in. */
	@Transient
	private String referredInRegion;

	/**
	 * A step taken: its timeline entry; the appeal as it was before (for the audit trail), null for an entry that changes
	 * nothing of the appeal itself (another appeal merged into it); its counts and region before and after.
	 */
	record Taken(TimelineEntry entry, Map<String, Object> before, AppealCounts countsBefore, AppealCounts countsAfter,
			String pathBefore, String pathAfter, boolean changesRow) {

		/**
		 * Audited: every step but another appeal merged into this one (audited as the other's merge, though its row is
		 * written with the version check, so that it cannot be closed or merged away meanwhile).
		 */
		boolean changedTheAppeal() {
			return before != null;
		}

	}

	Appeal() {
	}

	/**
	 * A new appeal from any channel: received now (or at a hand-off's own time), held at the category's level by its unit,
	 * due by the category's deadlines on the working calendar (or a hand-off's own deadline), warned at 80% of its time.
	 */
	static Appeal submit(AppealIntake intake, AppealCategories.Category category, RegionNode region, AppealDeadlines deadlines,
			Clock clock) {
		Instant received = intake.receivedAt != null ? intake.receivedAt : clock.instant();
		Appeal a = new Appeal();
		a.trackingCode = intake.trackingCode != null ? intake.trackingCode : newTrackingCode();
		a.channel = intake.channel;
		a.categoryCode = category.code();
		a.description = intake.description;
		a.placeIn(region);
		a.locationText = intake.locationText;
		a.latitude = intake.latitude;
		a.longitude = intake.longitude;
		a.residentId = intake.residentId;
		a.reporterName = intake.reporterName;
		a.phoneCipher = intake.phone.cipher();
		a.phoneHash = intake.phone.hash();
		a.phoneMasked = intake.phone.masked();
		a.submissionKey = intake.submissionKey;
		a.clientHash = intake.clientHash;
		a.externalRef = intake.externalRef;
		a.mediaUrl = intake.mediaUrl;
		a.status = AppealStatus.SUBMITTED;
		// a region above the villages (Open311's county triage) is held by the county until it is placed
		a.level = region.depth() < AppealLevel.VILLAGE.depth() ? AppealLevel.COUNTY : category.defaultLevel();
		a.handlingUnit = category.handlingUnit();
		a.submittedAt = received;
		a.submittedBy = intake.submittedBy;
		a.responseDue = deadlines.responseDue(received, category);
		a.resolutionDue = intake.dueOverride != null ? intake.dueOverride : deadlines.resolutionDue(received, category);
		a.warningAt = deadlines.warningAt(received, a.resolutionDue);
		a.taken.add(new Taken(new TimelineEntry(received, intake.submittedBy, AppealStep.SUBMIT, null, a.status, a.level, null, true),
				null, AppealCounts.NONE, a.counts(), null, a.regionPath, false));
		return a;
	}

	// ---- the steps ------------------------------------------------------------------------------------------------

	/** Whether the step may be taken now, by the appeal's own state (who may take it is {@link AllowedSteps}'s to say). */
	boolean allows(AppealStep step) {
		return switch (step) {
			case SUBMIT, MERGED_IN -> false;
			case ACCEPT -> status == AppealStatus.SUBMITTED;
			case ESCALATE -> OPEN.contains(status) && level == AppealLevel.VILLAGE;
			case TRANSFER, MERGE -> OPEN.contains(status);
			case EXTEND -> OPEN.contains(status) && extensionCount == 0;
			case WHISTLE, RESOLVE -> status == AppealStatus.ACCEPTED || status == AppealStatus.IN_PROGRESS;
			case REPORT_IN -> whistles.stream().anyMatch(Whistle::pending);
			case RATE, CLOSE -> status == AppealStatus.RESOLVED;
			case REOPEN -> status == AppealStatus.RESOLVED || status == AppealStatus.CLOSED;
			case REJECT -> status == AppealStatus.SUBMITTED || status == AppealStatus.ACCEPTED;
			case MEDIATION -> OPEN.contains(status) && referredAt == null;
			case COMMENT -> status != AppealStatus.MERGED;
		};
	}

	/** 签收. Re-acceptance after an escalation or a transfer keeps the first acceptance's time (按时响应 counts the first). */
	void accept(String actor, Instant at) {
		step(AppealStep.ACCEPT, actor, at, null, () -> {
			status = AppealStatus.ACCEPTED;
			if (acceptedAt == null) {
				acceptedAt = at;
			}
		});
	}

	/** 上报: a village appeal goes to the township, which signs for it in its turn. */
	void escalate(String actor, Instant at, String why) {
		step(AppealStep.ESCALATE, actor, at, why, () -> {
			level = AppealLevel.TOWNSHIP;
			status = AppealStatus.SUBMITTED;
		});
	}

	/**
	 * 转派/退回: another unit (and perhaps another village or grid) takes it over and must accept it. An appeal placed from
	 * the county's triage (it came with only an address) is then held at its category's level ({@code levelWhenPlaced}).
	 */
	void transfer(String actor, Instant at, String why, String toUnit, RegionNode toRegion, AppealLevel levelWhenPlaced) {
		step(AppealStep.TRANSFER, actor, at, why, () -> {
			boolean placedFromTriage = inTriage() && toRegion != null && toRegion.depth() >= AppealLevel.VILLAGE.depth();
			if (toUnit != null) {
				handlingUnit = toUnit;
			}
			if (toRegion != null) {
				placeIn(toRegion);
			}
			if (placedFromTriage) {
				level = levelWhenPlaced;
			}
			status = AppealStatus.SUBMITTED;
		});
	}

	/** Waiting at the county's triage: held above the villages, not yet placed. */
	boolean inTriage() {
		return regionPath.chars().filter(c -> c == '/').count() - 2 < AppealLevel.VILLAGE.depth();
	}

	/** Folded into {@code target} (open, in the same scope), which carries on and says so in its own timeline. */
	void mergeInto(String actor, Instant at, Appeal target) {
		// only into an appeal still being handled: a closed or rejected one would carry the resident's matter nowhere
		if (target.id.equals(id) || !OPEN.contains(target.status)) {
			throw new TransitionNotAllowed(AppealStep.MERGE, target.status);
		}
		step(AppealStep.MERGE, actor, at, "→ " + target.trackingCode, () -> {
			mergedIntoId = target.id;
			status = AppealStatus.MERGED;
			closedAt = at;
		});
		target.taken.add(new Taken(new TimelineEntry(at, actor, AppealStep.MERGED_IN, target.status, target.status, target.level,
				trackingCode, true), null, target.counts(), target.counts(), target.regionPath, target.regionPath, true));
	}

	/** 延期: once; the new deadline counts on from the old one, and the warning starts afresh. */
	void extend(String actor, Instant at, String why, int workingDays, AppealDeadlines deadlines) {
		step(AppealStep.EXTEND, actor, at, why, () -> {
			extensionCount++;
			resolutionDue = deadlines.extended(resolutionDue, workingDays);
			warningAt = deadlines.warningAt(submittedAt, resolutionDue);
			warningLevel = "NONE";
			warningReset = true;
		});
	}

	/** 吹哨: county departments are called in, each to report in by its deadline; the appeal is being handled. */
	void whistle(String actor, Instant at, List<String> departments, String note, AppealDeadlines deadlines) {
		String text = String.join("、", departments) + (note == null || note.isBlank() ? "" : "：" + note.strip());
		step(AppealStep.WHISTLE, actor, at, text, () -> {
			for (String department : departments) {
				if (whistles.stream().noneMatch(w -> w.department.equals(department))) {
					whistles.add(Whistle.of(department, actor, at, deadlines.reportDue(at)));
				}
			}
			status = AppealStatus.IN_PROGRESS;
		});
	}

	/** 报到: a whistled department answers, once. */
	void reportIn(String actor, Instant at, String department, String reply) {
		Whistle whistle = whistles.stream().filter(w -> w.department.equals(department) && w.pending()).findFirst()
			.orElseThrow(() -> new TransitionNotAllowed(AppealStep.REPORT_IN, status));
		step(AppealStep.REPORT_IN, actor, at, department + "：" + reply, () -> whistle.reportIn(actor, at, reply));
	}

	/** 办结. Resolved after a whistled department answered, it counts as resolved at the county level (部门报到). */
	void resolve(String actor, Instant at, String result) {
		step(AppealStep.RESOLVE, actor, at, result, () -> {
			status = AppealStatus.RESOLVED;
			resolvedAt = at;
			resolvedLevel = whistles.stream().anyMatch(w -> !w.pending()) ? AppealLevel.COUNTY : level;
			resultText = result;
		});
	}

	/**
	 * 回访评价 with the resident's reason: 不满意 goes back for handling, and the timeline says so plainly (a reopen entry
	 * carrying the reason, which staff read; the resident's page shows that it went back).
	 */
	void rate(String actor, Instant at, AppealRating verdict, String why) {
		rate(actor, at, verdict);
		if (!verdict.counts()) {
			taken.add(new Taken(new TimelineEntry(at, actor, AppealStep.REOPEN, AppealStatus.RESOLVED, status, level,
					why == null || why.isBlank() ? null : why.strip(), true), null, counts(), counts(), regionPath, regionPath, false));
		}
	}

	/** 回访评价: satisfied (or basically) closes it; 不满意 takes the resolution back and reopens it. */
	void rate(String actor, Instant at, AppealRating verdict) {
		step(AppealStep.RATE, actor, at, verdict.name(), () -> {
			rating = verdict;
			ratedAt = at;
			if (verdict.counts()) {
				status = AppealStatus.CLOSED;
				closedAt = at;
			}
			else {
				reopened();
			}
		});
	}

	/**
	 * Reopened by staff, with the reason in the timeline. A satisfied rating no longer stands (the matter came back), so it
	 * leaves the 满意率 until the resident rates again; an unsatisfied one stays counted as such.
	 */
	void reopen(String actor, Instant at, String why) {
		step(AppealStep.REOPEN, actor, at, why, () -> {
			reopened();
			if (rating != null && rating.counts()) {
				rating = null;
				ratedAt = null;
			}
		});
	}

	private void reopened() {
		status = AppealStatus.IN_PROGRESS;
		reopenCount++;
		resolvedAt = null;
		resolvedLevel = null;
		closedAt = null;
	}

	void reject(String actor, Instant at, String reason) {
		step(AppealStep.REJECT, actor, at, reason, () -> {
			status = AppealStatus.REJECTED;
			rejectionReason = reason;
			closedAt = at;
		});
	}

	/** Closed without a rating: by staff, or by itself when nobody rated it in time ({@code note} says so). */
	void close(String actor, Instant at, String note) {
		step(AppealStep.CLOSE, actor, at, note, () -> {
			status = AppealStatus.CLOSED;
			closedAt = at;
		});
	}

	/** Referred to mediation, once: the disputes module opens a case from the event; the appeal goes on as it is. */
	void referToMediation(String actor, Instant at, String note, String regionCode) {
		step(AppealStep.MEDIATION, actor, at, note, () -> referredAt = at);
		referredInRegion = regionCode;
	}

	/**
	 * A comment from outside (an Open311 client's update), with its photo's address: a public timeline entry, audited;
	 * the appeal itself (its row, its version, its figures) does not change, so nobody working on it meets a 409.
	 */
	void comment(String actor, Instant at, String text, String mediaUrl) {
		if (!allows(AppealStep.COMMENT)) {
			throw new TransitionNotAllowed(AppealStep.COMMENT, status);
		}
		taken.add(new Taken(new TimelineEntry(at, actor, AppealStep.COMMENT, status, status, level, text, true, mediaUrl), snapshot(),
				counts(), counts(), regionPath, regionPath, false));
	}

	/**
	 * Every step: allowed now, or {@link TransitionNotAllowed}; then the change, its timeline entry, and the event with
	 * the counts before and after it.
	 */
	private void step(AppealStep step, String actor, Instant at, String note, Runnable change) {
		if (!allows(step)) {
			throw new TransitionNotAllowed(step, status);
		}
		Map<String, Object> before = snapshot();
		AppealCounts countsBefore = counts();
		AppealStatus from = status;
		String pathBefore = regionPath;
		change.run();
		taken.add(new Taken(new TimelineEntry(at, actor, step, from, status, level, note, true), before, countsBefore, counts(),
				pathBefore, regionPath, true));
	}

	/** What this appeal, as it stands, counts in the figures. */
	AppealCounts counts() {
		return AppealCounts.of(status, acceptedAt, responseDue, resolvedAt, resolvedLevel, resolutionDue, rating);
	}

	/** The steps taken since it was loaded or saved; cleared by {@link #saved()}. */
	List<Taken> taken() {
		return Collections.unmodifiableList(taken);
	}

	/**
	 * The events of the steps taken, once the appeal has its id: its submission, each step that changed it (with the
	 * counts before and after), and a referral to mediation.
	 */
	List<Object> events() {
		List<Object> events = new ArrayList<>(taken.size() + 1);
		for (Taken t : taken) {
			TimelineEntry e = t.entry();
			if (e.action() == AppealStep.SUBMIT) {
				events.add(new AppealSubmitted(id, t.pathAfter(), villageCode, categoryCode, channel, e.level(), submittedAt));
			}
			else if (t.changesRow()) {
				events.add(new AppealTransitioned(id, t.pathAfter(), t.pathBefore().equals(t.pathAfter()) ? null : t.pathBefore(),
						categoryCode, channel, submittedAt, e.action(), e.from(), e.to(), e.level(), e.at(), t.countsBefore(),
						t.countsAfter()));
			}
		}
		if (referredInRegion != null) {
			events.add(new AppealReferredToMediation(id, trackingCode, referredInRegion, description,
					taken.stream().filter(t -> t.entry().action() == AppealStep.MEDIATION).findFirst().map(t -> t.entry().actor()).orElse(null),
					referredAt));
		}
		return events;
	}

	void saved() {
		taken.clear();
		warningReset = false;
		referredInRegion = null;
		whistles.forEach(w -> w.changed = false);
	}

	private void placeIn(RegionNode region) {
		regionId = region.id();
		regionPath = region.path();
		villageCode = villageCodeOf(region);
	}

	/** The village or community a region belongs to (the node at depth 2 of its path; the county's own code above it). */
	static String villageCodeOf(RegionNode region) {
		String[] codes = region.path().substring(1).split("/");
		return codes[Math.min(AppealLevel.VILLAGE.depth(), codes.length - 1)];
	}

	private static String newTrackingCode() {
		StringBuilder code = new StringBuilder(10);
		for (int i = 0; i < 10; i++) {
			code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
		}
		return code.toString();
	}

	public boolean isOverdueAt(Instant now) {
		return status.isOpen() && now.isAfter(resolutionDue);
	}

	Map<String, Object> snapshot() {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("status", status);
		s.put("level", level);
		s.put("categoryCode", categoryCode);
		s.put("channel", channel);
		s.put("regionId", regionId);
		s.put("handlingUnit", handlingUnit);
		s.put("phone", phoneMasked);
		s.put("resultText", resultText);
		s.put("rejectionReason", rejectionReason);
		s.put("rating", rating);
		s.put("reopenCount", reopenCount);
		s.put("resolutionDue", resolutionDue == null ? null : resolutionDue.toString());
		if (!whistles.isEmpty()) {
			s.put("whistles", whistles.stream().map(w -> w.department + (w.pending() ? "" : "✓")).sorted().toList());
		}
		return s;
	}

	public List<Whistle.View> whistleViews(Instant now) {
		return whistles.stream().sorted(java.util.Comparator.comparing((Whistle w) -> w.whistledAt).thenComparing(w -> w.department))
			.map(w -> w.view(now)).toList();
	}

	public Long getId() {
		return id;
	}

	public String getTrackingCode() {
		return trackingCode;
	}

	public AppealChannel getChannel() {
		return channel;
	}

	public String getCategoryCode() {
		return categoryCode;
	}

	public String getDescription() {
		return description;
	}

	public String getRegionPath() {
		return regionPath;
	}

	public Long getRegionId() {
		return regionId;
	}

	public String getVillageCode() {
		return villageCode;
	}

	public String getLocationText() {
		return locationText;
	}

	public Double getLatitude() {
		return latitude;
	}

	public Double getLongitude() {
		return longitude;
	}

	public Long getResidentId() {
		return residentId;
	}

	public String getReporterName() {
		return reporterName;
	}

	public String getPhoneMasked() {
		return phoneMasked;
	}

	public AppealStatus getStatus() {
		return status;
	}

	public AppealLevel getLevel() {
		return level;
	}

	public String getHandlingUnit() {
		return handlingUnit;
	}

	public Instant getSubmittedAt() {
		return submittedAt;
	}

	public Instant getResponseDue() {
		return responseDue;
	}

	public Instant getResolutionDue() {
		return resolutionDue;
	}

	public Instant getAcceptedAt() {
		return acceptedAt;
	}

	public Instant getResolvedAt() {
		return resolvedAt;
	}

	public AppealLevel getResolvedLevel() {
		return resolvedLevel;
	}

	public String getResultText() {
		return resultText;
	}

	public String getRejectionReason() {
		return rejectionReason;
	}

	public AppealRating getRating() {
		return rating;
	}

	public int getReopenCount() {
		return reopenCount;
	}

	public Integer getVersion() {
		return version;
	}

	public Long getMergedIntoId() {
		return mergedIntoId;
	}

	public int getExtensionCount() {
		return extensionCount;
	}

	public String getExternalRef() {
		return externalRef;
	}

	public String getWarningLevel() {
		return warningLevel;
	}

	public Instant getClosedAt() {
		return closedAt;
	}

	public String getMediaUrl() {
		return mediaUrl;
	}

	public boolean isReferredToMediation() {
		return referredAt != null;
	}

}
