package org.attc.tracker.identity.internal.learner;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface LearnerIdentifierRepository extends JpaRepository<LearnerIdentifier, Long> {

	Optional<LearnerIdentifier> findByKeyHash(byte[] keyHash);

	@Query("select i.learner.id from LearnerIdentifier i where i.keyHash = :keyHash")
	Optional<Long> findLearnerIdByKeyHash(byte[] keyHash);

}
