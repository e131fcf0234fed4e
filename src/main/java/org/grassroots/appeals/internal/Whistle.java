package org.grassroots.appeals.internal;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.relational.core.mapping.Table;

/** 吹哨: a county department called in on an appeal, which must report in (报到) by its deadline. Part of the {@link Appeal}. */
@Table("appeals_whistle")
public class Whistle {

	@Id
	Long id;
	String department;
	String whistledBy;
	Instant whistledAt;
	Instant reportDue;
	Instant reportedAt;
	String reportedBy;
	String reply;
	/** Reported in since it was loaded: the row is written again. */
	@Transient
	boolean changed;

	Whistle() {
	}

	static Whistle of(String department, String by, Instant at, Instant due) {
		Whistle w = new Whistle();
		w.department = department;
		w.whistledBy = by;
		w.whistledAt = at;
		w.reportDue = due;
		return w;
	}

	boolean pending() {
		return reportedAt == null;
	}

	void reportIn(String by, Instant at, String reply) {
		this.reportedBy = by;
		this.reportedAt = at;
		this.reply = reply;
		this.changed = true;
	}

	/** Late: not reported by its deadline (or reported after it). */
	boolean lateAt(Instant now) {
		return reportedAt == null ? now.isAfter(reportDue) : reportedAt.isAfter(reportDue);
	}

	public View view(Instant now) {
		return new View(department, whistledAt, reportDue, reportedAt, reportedBy, reply, lateAt(now));
	}

	/** A whistle as pages and the API show it. */
	public record View(String department, Instant whistledAt, Instant reportDue, Instant reportedAt, String reportedBy, String reply,
			boolean late) {
	}

}
