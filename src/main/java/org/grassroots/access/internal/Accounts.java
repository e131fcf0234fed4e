package org.grassroots.access.internal;

import java.util.Optional;

import org.springframework.data.repository.CrudRepository;

public interface Accounts extends CrudRepository<Account, Long> {

	Optional<Account> findByUsername(String username);

}
