package org.grassroots.appeals.internal;

import jakarta.validation.constraints.NotNull;

import org.grassroots.appeals.AppealChannel;

/**
 * An appeal entered by staff (appeal point, walk-in, phone call) or a grid worker. {@code resident} is an identity or
 * phone number of a resident in the registry: the appeal is then linked to them, and their name, phone and grid fill
 * what was left blank. Its fields are checked by the {@link IntakeRules} every channel shares.
 */
public record IntakeForm(@NotNull(message = "{validation.required}") AppealChannel channel, String categoryCode,
		String description, String regionCode, String locationText, String reporterName, String phone, String resident) {

	public IntakeForm(AppealChannel channel, String categoryCode, String description, String regionCode, String locationText,
			String reporterName, String phone) {
		this(channel, categoryCode, description, regionCode, locationText, reporterName, phone, null);
	}

	public static IntakeForm blank(AppealChannel channel, String regionCode) {
		return new IntakeForm(channel, null, null, regionCode, null, null, null, null);
	}

}
