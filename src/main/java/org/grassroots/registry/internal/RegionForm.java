package org.grassroots.registry.internal;

import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.grassroots.registry.RegionType;

/** Input for a region node; duties are the people assigned to it. */
public record RegionForm(@NotBlank(message = "{validation.required}") @Pattern(regexp = "\\d{12,20}", message = "{region.code.invalid}") String code,
		@NotBlank(message = "{validation.required}") @Size(max = 64, message = "{validation.tooLong}") String name,
		@NotNull(message = "{validation.required}") RegionType type,
		@DecimalMin(value = "-90", message = "{validation.latitude}") @DecimalMax(value = "90", message = "{validation.latitude}") Double centreLat,
		@DecimalMin(value = "-180", message = "{validation.longitude}") @DecimalMax(value = "180", message = "{validation.longitude}") Double centreLon,
		String boundary, List<DutyLine> duties, Integer version) {

	public record DutyLine(RegionDuty.Duty duty, String personName, String phone) {
	}

}
