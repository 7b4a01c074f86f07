package org.attc.tracker.identity.internal.learner;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface OrganisationRepository extends JpaRepository<Organisation, Long> {

	Optional<Organisation> findByCode(String code);

	List<Organisation> findByParentIdIn(Collection<Long> parentIds);

}
