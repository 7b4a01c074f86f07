package org.attc.tracker.framework.internal.store;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ProfileRepository extends JpaRepository<Profile, Long> {

	List<Profile> findByFrameworkIdOrderByNameAsc(Long frameworkId);

	Optional<Profile> findByFrameworkIdAndCode(Long frameworkId, String code);

	List<Profile> findByCodeIn(java.util.Collection<String> codes);

}
