package org.grassroots.appeals.internal;

import org.springframework.data.repository.CrudRepository;

public interface Appeals extends CrudRepository<Appeal, Long> {
}
