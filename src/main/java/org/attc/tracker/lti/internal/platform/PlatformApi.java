package org.attc.tracker.lti.internal.platform;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Platform registrations for administrators (the LTI security chain requires ADMIN). */
@RestController
@RequestMapping("/api/lti/platforms")
class PlatformApi {

	private final PlatformRegistrations registrations;

	PlatformApi(PlatformRegistrations registrations) {
		this.registrations = registrations;
	}

	@PostMapping
	ResponseEntity<PlatformView> register(@RequestBody PlatformDetails details) {
		PlatformRegistration registration = this.registrations.register(details, PlatformRegistration.Origin.ADMIN);
		return ResponseEntity.created(URI.create("/api/lti/platforms/" + registration.id()))
			.body(PlatformView.of(registration));
	}

	@GetMapping
	List<PlatformView> list() {
		return this.registrations.all().stream().map(PlatformView::of).toList();
	}

	@GetMapping("/{id}")
	PlatformView one(@PathVariable long id) {
		return PlatformView.of(this.registrations.find(id).orElseThrow(() -> new UnknownPlatform(id)));
	}

	@PostMapping("/{id}/deployments")
	PlatformView addDeployment(@PathVariable long id, @RequestBody NewDeployment body) {
		return PlatformView.of(this.registrations.addDeployment(id, body.deploymentId()));
	}

	record NewDeployment(String deploymentId) {
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.registrations.delete(id);
		return ResponseEntity.noContent().build();
	}

	record PlatformView(long id, String name, String issuer, String clientId, List<String> deploymentIds,
			String authUrl, String tokenUrl, String jwksUrl, String origin, Instant createdAt) {

		static PlatformView of(PlatformRegistration r) {
			return new PlatformView(r.id(), r.name(), r.issuer(), r.clientId(),
					r.deploymentIds().stream().sorted().toList(), r.authUrl(), r.tokenUrl(), r.jwksUrl(),
					r.origin().name(), r.createdAt());
		}

	}

}
