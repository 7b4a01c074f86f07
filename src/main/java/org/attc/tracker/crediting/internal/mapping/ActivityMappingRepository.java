package org.attc.tracker.crediting.internal.mapping;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ActivityMappingRepository extends JpaRepository<ActivityMapping, Long> {

	List<ActivityMapping> findByDeletedAtIsNullOrderById();

	@Query("select max(m.updatedAt) from ActivityMapping m")
	Instant lastChange();

}
