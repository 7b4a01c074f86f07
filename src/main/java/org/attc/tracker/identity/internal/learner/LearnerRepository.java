package org.attc.tracker.identity.internal.learner;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface LearnerRepository extends JpaRepository<Learner, Long> {

	@Query("select distinct l from Learner l join l.organisationIds o where o in :organisationIds and l.mergedIntoId is null")
	List<Learner> findInOrganisations(Collection<Long> organisationIds);

}
