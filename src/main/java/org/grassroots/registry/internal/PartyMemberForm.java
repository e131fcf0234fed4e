package org.grassroots.registry.internal;

import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/** Input for a party member: which resident, which branch, since when, and how many households to serve. */
public record PartyMemberForm(@NotNull(message = "{validation.required}") Long residentId,
		@NotNull(message = "{validation.required}") Long orgId,
		@NotNull(message = "{validation.required}") @PastOrPresent(message = "{validation.past}") LocalDate joinedOn,
		@Size(max = 100, message = "{validation.tooLong}") String posts, Boolean mobile,
		@NotNull(message = "{validation.required}") @Min(value = PartyMember.MIN_TARGET, message = "{party.member.target.range}") @Max(value = PartyMember.MAX_TARGET, message = "{party.member.target.range}") Integer targetHouseholds,
		Integer version) {

	public static PartyMemberForm of(PartyMember m) {
		return new PartyMemberForm(m.residentId, m.orgId, m.joinedOn, m.posts, m.mobile, m.targetHouseholds, m.version);
	}

}
