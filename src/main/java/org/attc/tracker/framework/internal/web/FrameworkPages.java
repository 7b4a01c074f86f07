package org.attc.tracker.framework.internal.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.attc.tracker.framework.CapabilityReferences;
import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.document.InvalidFramework;
import org.attc.tracker.framework.internal.document.Item;
import org.attc.tracker.framework.internal.document.ItemKind;
import org.attc.tracker.framework.internal.document.Relation;
import org.attc.tracker.framework.internal.document.RelationType;
import org.attc.tracker.framework.internal.document.VersionDiff;
import org.attc.tracker.framework.internal.store.FrameworkImports;
import org.attc.tracker.framework.internal.store.FrameworkLibrary;
import org.attc.tracker.framework.internal.store.ImportDrafts;
import org.attc.tracker.framework.internal.store.ImportPreview;
import org.attc.tracker.framework.internal.store.ImportResult;
import org.attc.tracker.framework.internal.store.Profile;
import org.attc.tracker.framework.internal.store.RoleProfiles;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Framework pages for coordinators (read) and administrators (import, role profiles):
 * list, browse with search, capability detail, import with a diff preview, exports.
 */
@Controller
@RequestMapping("/frameworks")
class FrameworkPages {

	private final FrameworkLibrary library;

	private final FrameworkImports imports;

	private final ImportDrafts drafts;

	private final RoleProfiles roleProfiles;

	private final FrameworkExports exports;

	private final List<CapabilityReferences> references;

	FrameworkPages(FrameworkLibrary library, FrameworkImports imports, ImportDrafts drafts, RoleProfiles roleProfiles,
			FrameworkExports exports, List<CapabilityReferences> references) {
		this.references = references;
		this.library = library;
		this.imports = imports;
		this.drafts = drafts;
		this.roleProfiles = roleProfiles;
		this.exports = exports;
	}

	/** One row of the browse tree. */
	record Row(Item item, int depth, List<String> path) {

	}

	@GetMapping
	String list(Model model, Authentication authentication) {
		Access.toRead(authentication);
		model.addAttribute("frameworks", this.library.all());
		model.addAttribute("canChange", Access.canChange(authentication));
		return "framework/list";
	}

	@GetMapping("/{id}")
	String browse(@PathVariable long id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String q, Model model, Authentication authentication) {
		Access.toRead(authentication);
		FrameworkLibrary.Shown shown = shown(id, version);
		FrameworkDocument document = shown.document();
		List<Row> rows = FrameworkLibrary.search(document, q)
			.stream()
			.map((item) -> new Row(item, document.depth(item), document.domainPath(item)))
			.toList();
		model.addAttribute("shown", shown);
		model.addAttribute("entry", this.library.entry(id).orElseThrow());
		model.addAttribute("rows", rows);
		model.addAttribute("q", (q == null) ? "" : q);
		model.addAttribute("searching", q != null && !q.isBlank());
		VersionDiff diff = this.library.diff(shown.version());
		model.addAttribute("diff", diff);
		model.addAttribute("dangling", dangling(diff));
		model.addAttribute("canChange", Access.canChange(authentication));
		return "framework/browse";
	}

	/**
	 * What still points at the capabilities the version removed (mappings that credit
	 * them), by the removed capability's code.
	 */
	private Map<String, List<CapabilityReferences.Reference>> dangling(VersionDiff diff) {
		Map<String, String> removed = new LinkedHashMap<>();
		diff.removed()
			.stream()
			.filter((e) -> ItemKind.CAPABILITY.name().equals(e.kind()))
			.forEach((e) -> removed.put(e.identifier(), (e.code() != null) ? e.code() + " " + e.title() : e.title()));
		Map<String, List<CapabilityReferences.Reference>> found = new LinkedHashMap<>();
		if (removed.isEmpty()) {
			return found;
		}
		for (CapabilityReferences source : this.references) {
			for (CapabilityReferences.Reference reference : source.to(removed.keySet())) {
				found.computeIfAbsent(removed.get(reference.capabilityIdentifier()), (k) -> new ArrayList<>())
					.add(reference);
			}
		}
		return found;
	}

	@GetMapping("/{id}/capabilities/{identifier}")
	String capability(@PathVariable long id, @PathVariable String identifier,
			@RequestParam(required = false) Integer version, Model model, Authentication authentication) {
		Access.toRead(authentication);
		FrameworkLibrary.Shown shown = shown(id, version);
		FrameworkDocument document = shown.document();
		Item item = document.item(identifier).orElseThrow(() -> new FrameworkNotFound("item " + identifier));
		List<Map<String, Object>> needs = new ArrayList<>();
		for (Profile profile : shown.profiles()) {
			for (Profile.Requirement requirement : profile.requirements()) {
				if (requirement.capabilityIdentifier().equals(identifier)) {
					Map<String, Object> need = new LinkedHashMap<>();
					need.put("profile", profile);
					need.put("tier", document.tierScale().byRank(requirement.tierRank()).orElse(null));
					need.put("mandatory", requirement.mandatory());
					needs.add(need);
				}
			}
		}
		List<Map<String, Object>> related = new ArrayList<>();
		for (Relation relation : document.relations()) {
			if (relation.type() == RelationType.CHILD_OF) {
				continue;
			}
			String other = identifier.equals(relation.origin()) ? relation.destination()
					: identifier.equals(relation.destination()) ? relation.origin() : null;
			if (other != null) {
				Map<String, Object> r = new LinkedHashMap<>();
				r.put("type", relation.type().caseName());
				r.put("outgoing", identifier.equals(relation.origin()));
				r.put("item", document.item(other).orElse(null));
				related.add(r);
			}
		}
		model.addAttribute("shown", shown);
		model.addAttribute("item", item);
		model.addAttribute("path", document.domainPath(item));
		model.addAttribute("tiers", document.tierScale().tiers());
		model.addAttribute("needs", needs);
		model.addAttribute("related", related);
		model.addAttribute("children", document.children(identifier));
		return "framework/capability";
	}

	@GetMapping("/{id}/export")
	ResponseEntity<byte[]> export(@PathVariable long id, @RequestParam(defaultValue = "case") String format,
			@RequestParam(required = false) Integer version, Authentication authentication) {
		Access.toRead(authentication);
		return this.exports.export(id, version, format);
	}

	@GetMapping("/import")
	String importForm(Authentication authentication) {
		Access.toChange(authentication);
		return "framework/import";
	}

	@PostMapping("/import")
	String upload(@RequestParam("file") MultipartFile file, Model model, Authentication authentication)
			throws IOException {
		Access.toChange(authentication);
		if (file.isEmpty()) {
			model.addAttribute("problems", List
				.of(new org.attc.tracker.framework.internal.document.Problem("file", "Choose a file to import.")));
			return "framework/import";
		}
		byte[] bytes = file.getBytes();
		String mediaType = mediaType(file);
		try {
			FrameworkDocument document = this.imports.read(bytes, mediaType, null);
			ImportPreview preview = this.imports.preview(document);
			String draft = this.drafts.save(mediaType, file.getOriginalFilename(), bytes, authentication.getName());
			model.addAttribute("preview", preview);
			model.addAttribute("draft", draft);
			model.addAttribute("fileName", file.getOriginalFilename());
			return "framework/preview";
		}
		catch (InvalidFramework ex) {
			model.addAttribute("problems", ex.problems());
			model.addAttribute("fileName", file.getOriginalFilename());
			return "framework/import";
		}
	}

	@PostMapping("/import/{draft}")
	String confirm(@PathVariable String draft, Authentication authentication, RedirectAttributes redirect) {
		Access.toChange(authentication);
		ImportDrafts.Draft stored = this.drafts.find(draft, authentication.getName())
			.orElseThrow(() -> new FrameworkNotFound("import draft " + draft));
		FrameworkDocument document = this.imports.read(stored.content(), stored.mediaType(), null);
		ImportResult result = this.imports.commit(document, authentication.getName());
		this.drafts.delete(draft);
		redirect.addFlashAttribute("imported", result);
		return "redirect:/frameworks/" + result.frameworkId();
	}

	@GetMapping("/{id}/roles/{code}")
	String role(@PathVariable long id, @PathVariable String code, Model model, Authentication authentication) {
		Access.toRead(authentication);
		FrameworkLibrary.Shown shown = shown(id, null);
		Profile profile = "new".equals(code) ? null
				: shown.profiles()
					.stream()
					.filter((p) -> p.code().equals(code))
					.findFirst()
					.orElseThrow(() -> new FrameworkNotFound("role profile " + code));
		roleModel(model, shown, profile, authentication);
		return "framework/role";
	}

	@PostMapping("/{id}/roles/{code}")
	String saveRole(@PathVariable long id, @PathVariable String code, @RequestParam MultiValueMap<String, String> form,
			Model model, Authentication authentication, RedirectAttributes redirect) {
		Access.toChange(authentication);
		FrameworkLibrary.Shown shown = shown(id, null);
		String roleCode = "new".equals(code) ? form.getFirst("code") : code;
		List<Profile.Requirement> requirements = new ArrayList<>();
		for (Item capability : shown.document().capabilities()) {
			String index = String.valueOf(shown.document().items().indexOf(capability));
			String tier = form.getFirst("tier_" + index);
			if (tier != null && !tier.isBlank()) {
				requirements.add(new Profile.Requirement(capability.identifier(), Integer.parseInt(tier),
						"on".equals(form.getFirst("mandatory_" + index))));
			}
		}
		try {
			this.roleProfiles.save(id, roleCode, form.getFirst("name"), form.getFirst("description"), requirements);
		}
		catch (InvalidFramework ex) {
			model.addAttribute("problems", ex.problems());
			roleModel(model, shown, null, authentication);
			model.addAttribute("form", form.toSingleValueMap());
			return "framework/role";
		}
		redirect.addFlashAttribute("saved", roleCode);
		return "redirect:/frameworks/" + id + "/roles/" + roleCode;
	}

	private void roleModel(Model model, FrameworkLibrary.Shown shown, Profile profile, Authentication authentication) {
		FrameworkDocument document = shown.document();
		Map<String, Profile.Requirement> byCapability = new LinkedHashMap<>();
		if (profile != null) {
			profile.requirements().forEach((r) -> byCapability.put(r.capabilityIdentifier(), r));
		}
		List<Map<String, Object>> lines = new ArrayList<>();
		for (Item capability : document.treeOrder()) {
			if (!capability.isCapability()) {
				continue;
			}
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("index", document.items().indexOf(capability));
			line.put("item", capability);
			line.put("path", String.join(" › ", document.domainPath(capability)));
			line.put("requirement", byCapability.get(capability.identifier()));
			lines.add(line);
		}
		model.addAttribute("shown", shown);
		model.addAttribute("profile", profile);
		model.addAttribute("lines", lines);
		model.addAttribute("tiers", document.tierScale().tiers());
		model.addAttribute("canChange", Access.canChange(authentication));
	}

	private FrameworkLibrary.Shown shown(long id, Integer version) {
		return this.library.show(id, version)
			.orElseThrow(
					() -> new FrameworkNotFound("framework " + id + (Objects.isNull(version) ? "" : " v" + version)));
	}

	private static String mediaType(MultipartFile file) {
		String name = (file.getOriginalFilename() == null) ? "" : file.getOriginalFilename().toLowerCase();
		if (name.endsWith(".csv")) {
			return "text/csv";
		}
		if (name.endsWith(".json")) {
			return "application/json";
		}
		return (file.getContentType() == null) ? "" : file.getContentType();
	}

}
