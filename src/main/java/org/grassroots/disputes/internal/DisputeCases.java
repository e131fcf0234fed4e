package org.grassroots.disputes.internal;

import org.springframework.data.repository.CrudRepository;

public interface DisputeCases extends CrudRepository<DisputeCase, Long> {

	long countBySourceAndSourceRef(DisputeCase.Source source, String sourceRef);

}
