package org.grassroots.registry.internal;

import java.util.Optional;

import org.springframework.data.repository.CrudRepository;

public interface Households extends CrudRepository<Household, Long> {

	Optional<Household> findByRegionIdAndAddress(Long regionId, String address);

}
