package org.grassroots.appeals.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.AppealRating;
import org.grassroots.appeals.AppealStatus;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An appeal. Its state changes only through the methods below, each of which checks that the step is
 * allowed from the current status and returns the status it left.
 */
@Table("appeals_appeal")
public class Appeal {

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
	@Version
	Integer version;

	AppealStatus accept(Instant now) {
		AppealStatus from = require("accept", AppealStatus.SUBMITTED);
		status = AppealStatus.ACCEPTED;
		if (acceptedAt == null) {
			acceptedAt = now;
		}
		return from;
	}

	AppealStatus escalate() {
		AppealStatus from = require("escalate", AppealStatus.SUBMITTED, AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS);
		if (level != AppealLevel.VILLAGE) {
			throw new TransitionNotAllowed("escalate", status);
		}
		level = AppealLevel.TOWNSHIP;
		// the township signs for it in its turn
		status = AppealStatus.SUBMITTED;
		return from;
	}

	/** 转派: another unit (and perhaps another village or grid) takes it over and must accept it. */
	AppealStatus transfer(String toUnit, Long regionId, String regionPath, String villageCode) {
		AppealStatus from = require("transfer", AppealStatus.SUBMITTED, AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS);
		handlingUnit = toUnit;
		if (regionId != null) {
			this.regionId = regionId;
			this.regionPath = regionPath;
			this.villageCode = villageCode;
		}
		status = AppealStatus.SUBMITTED;
		return from;
	}

	/** Folded into {@code target}, which carries on. */
	AppealStatus mergeInto(Appeal target, Instant now) {
		AppealStatus from = require("merge", AppealStatus.SUBMITTED, AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS);
		if (target.id.equals(id) || target.status == AppealStatus.MERGED || target.status == AppealStatus.REJECTED) {
			throw new TransitionNotAllowed("merge into " + target.trackingCode, target.status);
		}
		mergedIntoId = target.id;
		status = AppealStatus.MERGED;
		closedAt = now;
		return from;
	}

	/** 延期: once, by the township. */
	AppealStatus extend(Instant newDue, Instant newWarning) {
		AppealStatus from = require("extend", AppealStatus.SUBMITTED, AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS);
		if (extensionCount > 0) {
			throw new TransitionNotAllowed("extend twice", status);
		}
		extensionCount++;
		resolutionDue = newDue;
		warningAt = newWarning;
		warningLevel = "NONE";
		return from;
	}

	/** 吹哨: county departments are called in; the appeal is being handled. */
	AppealStatus whistle() {
		AppealStatus from = require("whistle", AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS);
		status = AppealStatus.IN_PROGRESS;
		return from;
	}

	AppealStatus resolve(Instant now, String result) {
		AppealStatus from = require("resolve", AppealStatus.ACCEPTED, AppealStatus.IN_PROGRESS);
		status = AppealStatus.RESOLVED;
		resolvedAt = now;
		resolvedLevel = level;
		resultText = result;
		return from;
	}

	AppealStatus rate(Instant now, AppealRating verdict) {
		AppealStatus from = require("rate", AppealStatus.RESOLVED);
		rating = verdict;
		ratedAt = now;
		if (verdict.counts()) {
			status = AppealStatus.CLOSED;
			closedAt = now;
		}
		else {
			reopen();
		}
		return from;
	}

	AppealStatus reopen(String why) {
		AppealStatus from = require("reopen", AppealStatus.RESOLVED, AppealStatus.CLOSED);
		reopen();
		return from;
	}

	private void reopen() {
		status = AppealStatus.IN_PROGRESS;
		reopenCount++;
		resolvedAt = null;
		resolvedLevel = null;
		closedAt = null;
	}

	AppealStatus reject(Instant now, String reason) {
		AppealStatus from = require("reject", AppealStatus.SUBMITTED, AppealStatus.ACCEPTED);
		status = AppealStatus.REJECTED;
		rejectionReason = reason;
		closedAt = now;
		return from;
	}

	AppealStatus close(Instant now) {
		AppealStatus from = require("close", AppealStatus.RESOLVED);
		status = AppealStatus.CLOSED;
		closedAt = now;
		return from;
	}

	private AppealStatus require(String action, AppealStatus... allowed) {
		for (AppealStatus s : allowed) {
			if (s == status) {
				return status;
			}
		}
		throw new TransitionNotAllowed(action, status);
	}

	boolean isOverdue(Instant now) {
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
		return s;
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

	public boolean isOverdue() {
		return isOverdue(Instant.now());
	}

}
