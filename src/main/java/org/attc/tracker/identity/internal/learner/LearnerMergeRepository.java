package org.attc.tracker.identity.internal.learner;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface LearnerMergeRepository extends JpaRepository<LearnerMerge, Long> {

	List<LearnerMerge> findBySurvivorIdOrAbsorbedIdOrderByMergedAt(Long survivorId, Long absorbedId);

}
