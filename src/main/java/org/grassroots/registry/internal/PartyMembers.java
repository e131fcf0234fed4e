package org.grassroots.registry.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.CrudRepository;

public interface PartyMembers extends CrudRepository<PartyMember, Long> {

	Optional<PartyMember> findByResidentId(Long residentId);

	@Query("SELECT m.* FROM registry_party_member m JOIN registry_member_household l ON l.member_id = m.id WHERE l.household_id = :householdId")
	List<PartyMember> findServing(Long householdId);

}
