package org.attc.tracker.framework.internal.store;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;

public interface FrameworkRepository extends CrudRepository<Framework, Long> {

	Optional<Framework> findByDocumentIdentifier(String documentIdentifier);

	/** Serialises version imports of one framework across nodes. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select f from Framework f where f.documentIdentifier = ?1")
	Optional<Framework> lockByDocumentIdentifier(String documentIdentifier);

	List<Framework> findAllByOrderByTitleAsc();

}
