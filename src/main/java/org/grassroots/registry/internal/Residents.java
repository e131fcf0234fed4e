package org.grassroots.registry.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.CrudRepository;

public interface Residents extends CrudRepository<Resident, Long> {

	Optional<Resident> findByIdNumberHash(String idNumberHash);

	@Query("SELECT * FROM registry_resident WHERE household_id = :householdId ORDER BY CASE WHEN relation = 'HEAD' THEN 0 ELSE 1 END, birth_date")
	List<Resident> findMembers(Long householdId);

}
