package org.grassroots.petitions.internal;

import org.springframework.data.repository.CrudRepository;

public interface PetitionRecords extends CrudRepository<Petition, Long> {
}
