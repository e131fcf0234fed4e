package org.grassroots.registry.internal;

import java.util.Optional;

import org.springframework.data.repository.CrudRepository;

public interface Regions extends CrudRepository<Region, Long> {

	Optional<Region> findByCode(String code);

}
