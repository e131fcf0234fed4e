package org.grassroots.registry.internal;

import java.time.LocalDate;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;

/**
 * Input for a resident. The ID number is required when registering; when editing, a blank ID
 * number keeps the stored one. Gender and birth date come from the ID number (a birth date sent must match it;
 * an edit form is never filled with the birth date, which would show it beside the masked number).
 */
public record ResidentForm(@NotNull(message = "{validation.required}") Long householdId,
		@NotBlank(message = "{validation.required}") @Size(max = 64, message = "{validation.tooLong}") String name,
		Resident.Gender gender, @Past(message = "{validation.past}") LocalDate birthDate, String idNumber, String phone,
		@NotNull(message = "{validation.required}") Resident.Relation relation,
		@Size(max = 16, message = "{validation.tooLong}") String ethnicity,
		@NotNull(message = "{validation.required}") Resident.PoliticalStatus politicalStatus, Resident.Status status,
		Set<String> tags, Integer version) {

	public static ResidentForm blank(Long householdId) {
		return new ResidentForm(householdId, null, null, null, null, null, Resident.Relation.OTHER, "汉族",
				Resident.PoliticalStatus.MASSES, Resident.Status.PRESENT, Set.of(), null);
	}

	public static ResidentForm of(Resident r) {
		return new ResidentForm(r.householdId, r.name, r.gender, null, null, null, r.relation, r.ethnicity,
				r.politicalStatus, r.status, r.getTagCodes(), r.version);
	}

}
