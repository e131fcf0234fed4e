package org.grassroots.registry.internal;

import java.util.Set;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Input for creating or editing a household. */
public record HouseholdForm(@NotBlank(message = "{validation.required}") String regionCode,
		@NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.tooLong}") String address,
		@NotNull(message = "{validation.required}") Household.Status status,
		@DecimalMin(value = "-90", message = "{validation.latitude}") @DecimalMax(value = "90", message = "{validation.latitude}") Double latitude,
		@DecimalMin(value = "-180", message = "{validation.longitude}") @DecimalMax(value = "180", message = "{validation.longitude}") Double longitude,
		Set<String> tags, Integer version) {

	public static HouseholdForm of(Household h, String regionCode) {
		return new HouseholdForm(regionCode, h.address, h.status, h.latitude, h.longitude, h.getTagCodes(), h.version);
	}

	public static HouseholdForm blank(String regionCode) {
		return new HouseholdForm(regionCode, null, Household.Status.RESIDENT, null, null, Set.of(), null);
	}

}
