package org.attc.tracker.framework.internal.store;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.CrudRepository;

public interface FrameworkVersionRepository extends CrudRepository<FrameworkVersion, Long> {

	List<FrameworkVersion> findByFrameworkIdOrderByNumberDesc(Long frameworkId);

	Optional<FrameworkVersion> findByFrameworkIdAndNumber(Long frameworkId, int number);

}
