package org.grassroots.appeals;

/**
 * Every step an appeal can take, as written in its timeline ({@code appeals_event.action}) and carried by
 * {@link AppealTransitioned}. What a step means for the figures is not said here: the figures are read from the
 * state an appeal is left in ({@link AppealCounts#of}), so no step can count differently in two places.
 */
public enum AppealStep {

	SUBMIT(false, true),
	/** 签收. */
	ACCEPT(false, false),
	/** 上报: village → township. */
	ESCALATE(true, false),
	/** 转派/退回: another unit, and perhaps another village or grid. */
	TRANSFER(true, false),
	/** Folded into another appeal about the same matter. */
	MERGE(false, false),
	/** The appeal kept when another is folded into it. */
	MERGED_IN(false, false),
	/** 延期, once. */
	EXTEND(true, false),
	/** 吹哨: county departments called in. */
	WHISTLE(true, false),
	/** 报到: a whistled department answers. */
	REPORT_IN(true, false),
	/** 办结: the note is the result the resident reads. */
	RESOLVE(true, true),
	/** 回访评价: 不满意 reopens. */
	RATE(false, false),
	REOPEN(true, false),
	/** The note is the reason the resident reads. */
	REJECT(true, true),
	CLOSE(false, false),
	/** Referred to mediation: a dispute case is opened; the appeal goes on. Written {@code MEDIATION} in the timeline. */
	MEDIATION(false, false),
	/** A comment from outside (an Open311 client's update), shown on the timeline. */
	COMMENT(true, true);

	private final boolean noteRequired;
	private final boolean noteShownToResident;

	AppealStep(boolean noteRequired, boolean noteShownToResident) {
		this.noteRequired = noteRequired;
		this.noteShownToResident = noteShownToResident;
	}

	/** Whether the step needs a note (a reason, a result, a reply). */
	public boolean noteRequired() {
		return noteRequired;
	}

	/** Whether the resident's tracking page shows the step's note. */
	public boolean noteShownToResident() {
		return noteShownToResident;
	}

}
