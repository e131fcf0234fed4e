package org.grassroots.registry.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.CrudRepository;

public interface Regions extends CrudRepository<Region, Long> {

	Optional<Region> findByCode(String code);

	@Query("SELECT * FROM registry_region WHERE parent_id = :parentId ORDER BY code")
	List<Region> findChildren(Long parentId);

}
