package org.attc.tracker.identity.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface UserAccountRepository extends JpaRepository<UserAccount, Long> {

	Optional<UserAccount> findByUsername(String username);

	List<UserAccount> findAllByOrderByUsername();

	List<UserAccount> findByEmailIgnoreCase(String email);

}
