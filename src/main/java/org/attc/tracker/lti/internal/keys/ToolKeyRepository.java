package org.attc.tracker.lti.internal.keys;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ToolKeyRepository extends JpaRepository<ToolKey, String> {

	List<ToolKey> findByRetiredAtIsNullOrderByCreatedAtDesc();

	List<ToolKey> findAllByOrderByCreatedAtDesc();

}
