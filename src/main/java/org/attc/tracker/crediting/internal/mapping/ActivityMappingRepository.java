package org.attc.tracker.crediting.internal.mapping;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ActivityMappingRepository extends JpaRepository<ActivityMapping, Long> {

	List<ActivityMapping> findByDeletedAtIsNullOrderById();

	/**
	 * What the committed mappings look like, in one short string that any committed
	 * change alters: the number of mappings, and a checksum over each one's id and last
	 * change. (The latest change time alone would miss a change stamped earlier than one
	 * already seen but committed after it, on another node.)
	 */
	@Query(value = "SELECT CONCAT(COUNT(*), ':', COALESCE(MAX(updated_at), ''), ':', "
			+ "COALESCE(SUM(CRC32(CONCAT(id, '@', updated_at))), 0)) FROM cred_mapping", nativeQuery = true)
	String signature();

}
