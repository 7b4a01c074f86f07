package org.attc.tracker.identity.internal.learner;

import java.util.List;
import java.util.Map;

import org.attc.tracker.identity.OrganisationKind;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Learners and organisations for coordinators (their organisations) and administrators;
 * programme leads read.
 */
@RestController
@RequestMapping("/api")
@PreAuthorize("hasAnyRole('COORDINATOR','ADMIN')")
class LearnerApi {

	private final LearnerDirectory directory;

	private final LearnerAdministration administration;

	private final OrganisationRepository organisations;

	private final LearnerRoster roster;

	private final StaffScope scope;

	private final LearnerSearch search;

	LearnerApi(LearnerDirectory directory, LearnerAdministration administration, OrganisationRepository organisations,
			LearnerRoster roster, StaffScope scope, LearnerSearch search) {
		this.search = search;
		this.roster = roster;
		this.scope = scope;
		this.directory = directory;
		this.administration = administration;
		this.organisations = organisations;
	}

	/**
	 * One page of the learners the caller may see, by record number, 50 at a time; each
	 * page says how many match ({@code total}) and where the next starts ({@code next},
	 * given back as {@code after}; null on the last page).
	 *
	 * @param items the page's learners: record number, name, e-mail address, organisation
	 * codes and how many identifiers are theirs
	 */
	record LearnerList(List<LearnerSearch.Row> items, int total, String next, int size) {

		static LearnerList of(LearnerSearch.Page page) {
			return new LearnerList(page.rows(), page.total(), (page.next() != null) ? page.next().toString() : null,
					LearnerSearch.PAGE_SIZE);
		}

	}

	/**
	 * With {@code identifier}: the one learner known by that identifier, given as a JSON
	 * actor ({@code {"mbox":"mailto:…"}}), a {@code mailto:} IRI, a 40-hex mbox_sha1sum,
	 * an openid URI, or {@code lti:<issuer>|<subject>}. Without it: a page of the
	 * learners the caller may see ({@link LearnerList}), those {@code q} finds when given
	 * (as the learners page searches: the start of a name, e-mail address or identifier
	 * in any case, a word of a name or address, or a record number), continued
	 * {@code after} the {@code next} of the page before.
	 */
	@GetMapping("/learners")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	Object find(@RequestParam(required = false) String identifier, @RequestParam(required = false) String q,
			@RequestParam(required = false) String after, Authentication caller) {
		if (identifier == null) {
			return LearnerList.of(this.search.find(caller, q, after(after)));
		}
		return learner(identifier, caller);
	}

	/** The learner known by this identifier, if the caller may see them. */
	LearnerView learner(String identifier, Authentication caller) {
		IdentifierKey key = IdentifierKey.parse(identifier.strip());
		return this.directory.findByIdentifier(key, caller).orElseThrow(() -> new UnknownLearner(identifier));
	}

	private static Long after(String after) {
		if (after == null || after.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(after.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("after: not a page of this list; start again from the first page");
		}
	}

	@GetMapping("/learners/{id}")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	LearnerView get(@PathVariable long id, Authentication caller) {
		return this.directory.view(id, caller);
	}

	record MergeRequest(Long learnerId, String reason) {
	}

	/** Merges the learner named in the body into this one. */
	@PostMapping("/learners/{id}/merge")
	LearnerView merge(@PathVariable long id, @RequestBody MergeRequest request, Authentication caller) {
		if (request == null || request.learnerId() == null) {
			throw new IllegalArgumentException("learnerId: the learner to merge into this one is required");
		}
		this.administration.merge(id, request.learnerId(), request.reason(), caller);
		return this.directory.view(id, caller);
	}

	record SplitRequest(Long mergeId) {
	}

	/** Reverses one of this learner's merges. */
	@PostMapping("/learners/{id}/split")
	LearnerView split(@PathVariable long id, @RequestBody SplitRequest request, Authentication caller) {
		if (request == null || request.mergeId() == null) {
			throw new IllegalArgumentException("mergeId: the merge to reverse is required");
		}
		this.administration.split(id, request.mergeId(), caller);
		return this.directory.view(id, caller);
	}

	record OrganisationsRequest(List<String> organisations) {
	}

	@PutMapping("/learners/{id}/organisations")
	LearnerView organisations(@PathVariable long id, @RequestBody OrganisationsRequest request, Authentication caller) {
		if (request == null || request.organisations() == null) {
			throw new IllegalArgumentException("organisations: a list of organisation codes is required");
		}
		this.administration.assignOrganisations(id, request.organisations(), caller);
		return this.directory.view(id, caller);
	}

	/**
	 * Gives the learner's organisations back to the rules: the coordinator's choice is
	 * dropped and the learner is placed as their platform, deployment, launch and courses
	 * say. Who may: as for {@code PUT}, and only for a learner whose organisations are
	 * all the caller's.
	 */
	@DeleteMapping("/learners/{id}/organisations")
	LearnerView releaseOrganisations(@PathVariable long id, Authentication caller) {
		this.administration.releaseOrganisations(id, caller);
		return this.directory.view(id, caller);
	}

	/**
	 * Learners who hold no organisation ("No organisation" in the national views), with
	 * where they arrived from: the worklist of administrators and programme leads.
	 */
	@GetMapping("/learners/unassigned")
	@PreAuthorize("hasAnyRole('PROGRAMME','ADMIN')")
	Map<String, Object> unassigned(Authentication caller) {
		List<LearnerRoster.Unassigned> learners = this.roster.unassigned(caller);
		return Map.of("count", learners.size(), "learners", learners);
	}

	record BulkOrganisationsRequest(List<Long> learners, List<String> organisations) {
	}

	/**
	 * Sets the same organisations for several learners, all or nothing; each goes through
	 * the rule of {@code PUT /api/learners/{id}/organisations}.
	 */
	@PostMapping("/learners/organisations")
	Map<String, Object> bulkOrganisations(@RequestBody BulkOrganisationsRequest request, Authentication caller) {
		if (request == null || request.organisations() == null) {
			throw new IllegalArgumentException("organisations: a list of organisation codes is required");
		}
		List<Long> changed = this.administration.assignOrganisations(request.learners(), request.organisations(),
				caller);
		return Map.of("learners", changed, "count", changed.size());
	}

	/**
	 * Sets organisations from CSV ({@code learnerId,organisations}, codes separated by
	 * {@code ;}), all or nothing; each row goes through the rule of {@code PUT
	 * /api/learners/{id}/organisations}.
	 */
	@PostMapping(path = "/learners/organisations/import", consumes = "text/csv")
	Map<String, Object> importOrganisations(@RequestBody String csv, Authentication caller) {
		List<Long> changed = this.administration.assignOrganisationsFromCsv(csv, caller);
		return Map.of("learners", changed, "count", changed.size());
	}

	record JobRolesRequest(List<String> jobRoles) {
	}

	@PutMapping("/learners/{id}/job-roles")
	LearnerView jobRoles(@PathVariable long id, @RequestBody JobRolesRequest request, Authentication caller) {
		if (request == null || request.jobRoles() == null) {
			throw new IllegalArgumentException("jobRoles: a list of job role codes is required");
		}
		this.administration.assignJobRoles(id, request.jobRoles(), caller);
		return this.directory.view(id, caller);
	}

	/**
	 * Creates or updates learners from CSV
	 * ({@code identifier,name,email,organisations,jobRoles}, lists separated by
	 * {@code ;}); all or nothing.
	 */
	@PostMapping(path = "/learners/import", consumes = "text/csv")
	Map<String, Object> importCsv(@RequestBody String csv, Authentication caller) {
		LearnerAdministration.ImportResult result = this.administration.importCsv(csv, caller);
		return Map.of("rows", result.rows(), "learners", result.learners());
	}

	record OrganisationView(String code, String name, OrganisationKind kind, String parentCode) {
	}

	@GetMapping("/organisations")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	List<OrganisationView> organisations(Authentication caller) {
		Map<Long, String> codes = new java.util.HashMap<>();
		List<Organisation> all = this.organisations.findAll();
		all.forEach((o) -> codes.put(o.id(), o.code()));
		// a coordinator's own trusts and their sites; administrators and programme leads
		// all
		java.util.Set<Long> visible = this.scope.visibleOrganisations(caller);
		return all.stream()
			.filter((o) -> visible == null || visible.contains(o.id()))
			.map((o) -> new OrganisationView(o.code(), o.name(), o.kind(),
					(o.parentId() != null) ? codes.get(o.parentId()) : null))
			.toList();
	}

	@PostMapping("/organisations")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasRole('ADMIN')")
	OrganisationView createOrganisation(@RequestBody OrganisationView request) {
		if (request == null) {
			throw new IllegalArgumentException("body: code, name, kind (TRUST or SITE) and parentCode for a site");
		}
		Organisation created = this.administration.createOrganisation(request.code(), request.name(), request.kind(),
				request.parentCode());
		return new OrganisationView(created.code(), created.name(), created.kind(), request.parentCode());
	}

}
