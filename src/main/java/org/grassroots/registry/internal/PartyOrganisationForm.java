package org.grassroots.registry.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record PartyOrganisationForm(@NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.tooLong}") String name,
		@NotNull(message = "{validation.required}") PartyOrganisation.Type type, Long parentId,
		@NotBlank(message = "{validation.required}") String regionCode,
		@Size(max = 64, message = "{validation.tooLong}") String secretaryName, Integer version) {

	public static PartyOrganisationForm of(PartyOrganisation o, String regionCode) {
		return new PartyOrganisationForm(o.name, o.type, o.parentId, regionCode, o.secretaryName, o.version);
	}

}
