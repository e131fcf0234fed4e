package org.grassroots.appeals.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.grassroots.appeals.AppealChannel;

/**
 * An appeal entered by staff (appeal point, walk-in, phone call) or a grid worker. {@code resident} is
 * an identity or phone number of a resident in the registry: the appeal is then linked to them, and
 * their name, phone and grid fill what was left blank.
 */
public record IntakeForm(@NotNull(message = "{validation.required}") AppealChannel channel,
		@NotBlank(message = "{validation.required}") String categoryCode,
		@NotBlank(message = "{validation.required}") @Size(min = 5, max = 2000, message = "{appeal.description.size}") String description,
		String regionCode,
		@Size(max = 200, message = "{validation.tooLong}") String locationText,
		@Size(max = 64, message = "{validation.tooLong}") String reporterName, String phone, String resident) {

	public IntakeForm(AppealChannel channel, String categoryCode, String description, String regionCode, String locationText,
			String reporterName, String phone) {
		this(channel, categoryCode, description, regionCode, locationText, reporterName, phone, null);
	}

	public static IntakeForm blank(AppealChannel channel, String regionCode) {
		return new IntakeForm(channel, null, null, regionCode, null, null, null, null);
	}

}
