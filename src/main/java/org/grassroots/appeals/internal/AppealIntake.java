package org.grassroots.appeals.internal;

import java.time.Instant;

import org.grassroots.appeals.AppealChannel;
import org.grassroots.privacy.ProtectedValue;
import org.springframework.util.StringUtils;

/**
 * What any channel hands in to make an appeal, once its input passed the {@link IntakeRules}: the one value
 * {@link Appeal#submit} is made from. Each channel fills what it has.
 */
public final class AppealIntake {

	private static final ProtectedValue NO_PHONE = new ProtectedValue(null, null, null);

	final AppealChannel channel;
	final String description;
	final String submittedBy;
	String locationText;
	Double latitude;
	Double longitude;
	String reporterName;
	ProtectedValue phone = NO_PHONE;
	Long residentId;
	String submissionKey;
	String clientHash;
	String externalRef;
	String mediaUrl;
	/** A hand-off's own receipt time (a 12345 order keeps its call time); otherwise now. */
	Instant receivedAt;
	/** A hand-off's own deadline (the hotline's); otherwise the category's. */
	Instant dueOverride;
	String trackingCode;

	private AppealIntake(AppealChannel channel, String description, String submittedBy) {
		this.channel = channel;
		this.description = description.strip();
		this.submittedBy = submittedBy;
	}

	public static AppealIntake of(AppealChannel channel, String description, String submittedBy) {
		return new AppealIntake(channel, description == null ? "" : description, submittedBy);
	}

	public AppealIntake place(String locationText, Double latitude, Double longitude) {
		this.locationText = StringUtils.hasText(locationText) ? locationText.strip() : null;
		this.latitude = latitude;
		this.longitude = longitude;
		return this;
	}

	public AppealIntake reporter(String name, ProtectedValue phone) {
		this.reporterName = StringUtils.hasText(name) ? name.strip() : null;
		this.phone = phone == null ? NO_PHONE : phone;
		return this;
	}

	public AppealIntake resident(Long residentId) {
		this.residentId = residentId;
		return this;
	}

	/** The public form's submission key (one appeal per key) and the client's hashed address (the hourly limit). */
	public AppealIntake submission(String key, String clientHash) {
		this.submissionKey = key;
		this.clientHash = clientHash;
		return this;
	}

	/** A hand-off from another system: its reference, its receipt time and perhaps its deadline. */
	public AppealIntake handOff(String externalRef, Instant receivedAt, Instant dueOverride) {
		this.externalRef = externalRef;
		this.receivedAt = receivedAt;
		this.dueOverride = dueOverride;
		return this;
	}

	public AppealIntake media(String url) {
		this.mediaUrl = StringUtils.hasText(url) ? url.strip() : null;
		return this;
	}

	AppealIntake trackingCode(String code) {
		this.trackingCode = code;
		return this;
	}

}
