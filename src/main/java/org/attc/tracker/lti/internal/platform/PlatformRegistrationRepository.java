package org.attc.tracker.lti.internal.platform;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface PlatformRegistrationRepository extends JpaRepository<PlatformRegistration, Long> {

	Optional<PlatformRegistration> findByIssuerAndClientId(String issuer, String clientId);

	List<PlatformRegistration> findByIssuer(String issuer);

	List<PlatformRegistration> findAllByOrderByNameAscIdAsc();

}
