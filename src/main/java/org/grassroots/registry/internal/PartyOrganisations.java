package org.grassroots.registry.internal;

import org.springframework.data.repository.CrudRepository;

public interface PartyOrganisations extends CrudRepository<PartyOrganisation, Long> {
}
