package org.attc.tracker.framework.internal.web;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.document.InvalidFramework;
import org.attc.tracker.framework.internal.document.Item;
import org.attc.tracker.framework.internal.document.Problem;
import org.attc.tracker.framework.internal.store.FrameworkImports;
import org.attc.tracker.framework.internal.store.FrameworkLibrary;
import org.attc.tracker.framework.internal.store.FrameworkStatus;
import org.attc.tracker.framework.internal.store.FrameworkVersion;
import org.attc.tracker.framework.internal.store.ImportPreview;
import org.attc.tracker.framework.internal.store.ImportResult;
import org.attc.tracker.framework.internal.store.Profile;
import org.attc.tracker.framework.internal.store.RoleProfiles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The frameworks JSON API: coordinators and administrators read, administrators import
 * and edit role profiles. Import bodies: CASE JSON or the native format as
 * {@code application/json} (told apart by {@code CFDocument} or {@code format}), Moodle
 * CSV as {@code text/csv}.
 */
@RestController
@RequestMapping("/api/frameworks")
class FrameworkApi {

	static final String NATIVE_MEDIA_TYPE = "application/vnd.attc.framework+json";

	private final FrameworkLibrary library;

	private final FrameworkImports imports;

	private final RoleProfiles roleProfiles;

	private final FrameworkExports exports;

	FrameworkApi(FrameworkLibrary library, FrameworkImports imports, RoleProfiles roleProfiles,
			FrameworkExports exports) {
		this.library = library;
		this.imports = imports;
		this.roleProfiles = roleProfiles;
		this.exports = exports;
	}

	@GetMapping
	List<Map<String, Object>> list(Authentication authentication) {
		Access.toRead(authentication);
		return this.library.all().stream().map(FrameworkJson::summary).toList();
	}

	@GetMapping("/{id}")
	Map<String, Object> show(@PathVariable long id, @RequestParam(required = false) Integer version,
			Authentication authentication) {
		Access.toRead(authentication);
		FrameworkLibrary.Shown shown = this.library.show(id, version)
			.orElseThrow(
					() -> new FrameworkNotFound("framework " + id + ((version == null) ? "" : " version " + version)));
		Map<String, Object> json = FrameworkJson.full(shown);
		json.put("versions",
				this.library.entry(id).orElseThrow().versions().stream().map(FrameworkJson::version).toList());
		return json;
	}

	@GetMapping("/{id}/versions/{number}/diff")
	Object diff(@PathVariable long id, @PathVariable int number, Authentication authentication) {
		Access.toRead(authentication);
		FrameworkVersion version = this.library.show(id, number)
			.orElseThrow(() -> new FrameworkNotFound("framework " + id + " version " + number))
			.version();
		return this.library.diff(version);
	}

	@GetMapping("/{id}/export")
	ResponseEntity<byte[]> export(@PathVariable long id, @RequestParam(defaultValue = "case") String format,
			@RequestParam(required = false) Integer version, Authentication authentication) {
		Access.toRead(authentication);
		return this.exports.export(id, version, format);
	}

	/**
	 * Imports a file as a new framework or a new version. {@code dryRun=true} answers the
	 * diff without saving anything.
	 */
	@PostMapping(path = "/import",
			consumes = { MediaType.APPLICATION_JSON_VALUE, "text/csv", NATIVE_MEDIA_TYPE, "application/csv" })
	ResponseEntity<Map<String, Object>> importFile(@RequestBody byte[] body,
			@RequestHeader("Content-Type") MediaType contentType, @RequestParam(defaultValue = "false") boolean dryRun,
			Authentication authentication) {
		Access.toChange(authentication);
		Charset charset = contentType.getCharset();
		FrameworkDocument document = this.imports.read(body, contentType.getSubtype(), charset);
		if (dryRun) {
			ImportPreview preview = this.imports.preview(document);
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("dryRun", true);
			json.put("frameworkId", preview.frameworkId());
			json.put("documentIdentifier", document.identifier());
			json.put("title", document.title());
			json.put("version", preview.number());
			json.put("unchanged", preview.unchanged());
			json.put("diff", preview.diff());
			json.put("requirementsDropped", preview.requirementsDropped());
			return ResponseEntity.ok(json);
		}
		ImportResult result = this.imports.commit(document, authentication.getName());
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("frameworkId", result.frameworkId());
		json.put("documentIdentifier", result.documentIdentifier());
		json.put("title", result.title());
		json.put("versionId", result.versionId());
		json.put("version", result.number());
		json.put("created", result.created());
		json.put("diff", result.diff());
		json.put("requirementsDropped", result.requirementsDropped());
		return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.header("Location", "/api/frameworks/" + result.frameworkId())
			.body(json);
	}

	/** Retires ({@code {"status":"RETIRED"}}) or re-publishes a framework. */
	@PutMapping(path = "/{id}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> status(@PathVariable long id, @RequestBody JsonNode body, Authentication authentication) {
		Access.toChange(authentication);
		this.library.entry(id).orElseThrow(() -> new FrameworkNotFound("framework " + id));
		FrameworkStatus status;
		try {
			status = FrameworkStatus.valueOf(body.path("status").asString(""));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFramework("$.status", "Status must be PUBLISHED or RETIRED.");
		}
		if (status == FrameworkStatus.DRAFT) {
			throw new InvalidFramework("$.status", "Status must be PUBLISHED or RETIRED.");
		}
		return FrameworkJson.header(this.imports.changeStatus(id, status));
	}

	/**
	 * Creates or replaces a role profile. Body: {@code {"name", "description",
	 * "requirements": [{"capability": identifier or code, "tier": code or rank,
	 * "mandatory"}]}}.
	 */
	@PutMapping(path = "/{id}/role-profiles/{code}", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> saveRoleProfile(@PathVariable long id, @PathVariable String code, @RequestBody JsonNode body,
			Authentication authentication) {
		Access.toChange(authentication);
		FrameworkLibrary.Shown shown = this.library.show(id, null)
			.orElseThrow(() -> new FrameworkNotFound("framework " + id));
		FrameworkDocument document = shown.document();
		List<Problem> problems = new ArrayList<>();
		List<Profile.Requirement> requirements = new ArrayList<>();
		JsonNode list = body.path("requirements");
		for (int i = 0; i < list.size(); i++) {
			JsonNode q = list.get(i);
			String at = "$.requirements[" + i + "]";
			String reference = q.path("capability").asString("");
			String identifier = document.item(reference)
				.or(() -> document.items().stream().filter((it) -> reference.equals(it.code())).findFirst())
				.map(Item::identifier)
				.orElse(null);
			if (identifier == null) {
				problems.add(new Problem(at + ".capability", "No capability " + reference + " in the framework."));
				continue;
			}
			JsonNode tier = q.path("tier");
			Integer rank = tier.isNumber() ? Integer.valueOf(tier.asInt())
					: document.tierScale().byCode(tier.asString("")).map((t) -> t.rank()).orElse(null);
			if (rank == null) {
				problems.add(new Problem(at + ".tier", "No tier " + tier.asString("") + " on the framework's scale."));
				continue;
			}
			requirements.add(new Profile.Requirement(identifier, rank, q.path("mandatory").asBoolean(true)));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFramework(problems);
		}
		Profile profile = this.roleProfiles.save(id, code, body.path("name").asString(null),
				body.path("description").asString(null), requirements);
		return FrameworkJson.profile(profile, document);
	}

}
