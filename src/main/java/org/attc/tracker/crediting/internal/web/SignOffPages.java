package org.attc.tracker.crediting.internal.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.attc.tracker.crediting.internal.attainment.EvidenceKind;
import org.attc.tracker.crediting.internal.engine.PendingSignOffs;
import org.attc.tracker.crediting.internal.engine.SignOffs;
import org.attc.tracker.crediting.internal.ledger.EvidenceLedger;
import org.attc.tracker.crediting.internal.ledger.EvidenceRow;
import org.attc.tracker.framework.Capability;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.FieldFault;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.shared.PageLinks;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An assessor records a sign-off for a practical capability (an observed administration
 * of an investigational ATMP, say), and sees the sign-offs a learner already has.
 */
@Controller
@PreAuthorize("hasRole('ASSESSOR')")
class SignOffPages {

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	private final SignOffs signOffs;

	private final EvidenceLedger ledger;

	private final Learners learners;

	private final FrameworkChoices choices;

	private final PendingSignOffs pending;

	SignOffPages(SignOffs signOffs, EvidenceLedger ledger, Learners learners, FrameworkChoices choices,
			PendingSignOffs pending) {
		this.pending = pending;
		this.signOffs = signOffs;
		this.ledger = ledger;
		this.learners = learners;
		this.choices = choices;
	}

	/** The form as posted. {@code submission} makes a repeated post record once. */
	public record SignOffForm(String submission, String capability, String tier, String achievedOn,
			String validityMonths, String comment) {

		/** A new form, with the capability and tier chosen where the worklist says. */
		static SignOffForm empty(String capability, String tier) {
			return new SignOffForm(UUID.randomUUID().toString(), capability, tier, LocalDate.now(LONDON).toString(),
					null, null);
		}

	}

	/**
	 * The assessor's way in: the learners of their organisations with practical
	 * capabilities waiting for a sign-off, a page at a time, and a search by name, e-mail
	 * address or record number.
	 */
	@GetMapping("/sign-offs")
	String worklist(@RequestParam(required = false) String q, @RequestParam(required = false) Long after,
			Authentication caller, Model model) {
		model.addAttribute("q", q);
		if (q != null && !q.isBlank()) {
			model.addAttribute("found", this.pending.search(caller, q));
		}
		PendingSignOffs.Page worklist = this.pending.worklist(caller, (after != null) ? after : 0);
		model.addAttribute("worklist", worklist);
		model.addAttribute("after", after);
		model.addAttribute("pages",
				PageLinks
					.of("/sign-offs", "", after != null, (worklist.next() != null) ? worklist.next().toString() : null)
					.reading("Next learners"));
		return "crediting/sign-off-worklist";
	}

	@GetMapping("/learners/{id}/sign-offs")
	String page(@PathVariable long id, @RequestParam(required = false) String capability,
			@RequestParam(required = false) String tier, Authentication caller, Model model) {
		return render(visible(id, caller), SignOffForm.empty(capability, tier), model);
	}

	@PostMapping("/learners/{id}/sign-offs")
	String record(@PathVariable long id, @ModelAttribute SignOffForm form, Authentication caller, Model model,
			RedirectAttributes redirect) {
		LearnerId learner = visible(id, caller);
		List<FieldFault> faults = new ArrayList<>();
		java.time.Instant achievedAt = null;
		try {
			achievedAt = (form.achievedOn() == null || form.achievedOn().isBlank()) ? null
					: LocalDate.parse(form.achievedOn().strip()).atStartOfDay(LONDON).toInstant();
		}
		catch (DateTimeParseException ex) {
			faults.add(new FieldFault("achievedOn", "achievedOn: a date such as 2026-11-25"));
		}
		Integer months = null;
		if (form.validityMonths() != null && !form.validityMonths().isBlank()) {
			try {
				months = Integer.valueOf(form.validityMonths().strip());
			}
			catch (NumberFormatException ex) {
				faults.add(new FieldFault("validityMonths", "validityMonths: a whole number of months"));
			}
		}
		if (faults.isEmpty()) {
			try {
				this.signOffs.record(learner, form.capability(), form.tier(), form.comment(), achievedAt, months,
						caller.getName(), form.submission());
				redirect.addFlashAttribute("message", "Sign-off recorded.");
				return "redirect:/learners/" + learner.value() + "/sign-offs";
			}
			catch (IllegalArgumentException ex) {
				faults.add(FieldFault.of(ex.getMessage()).orElse(new FieldFault("capability", ex.getMessage())));
			}
		}
		model.addAttribute("faults", faults);
		return render(learner, form, model);
	}

	private String render(LearnerId learner, SignOffForm form, Model model) {
		LearnerProfile profile = this.learners.profile(learner)
			.orElseThrow(() -> new UnknownLearnerRecord(learner.value()));
		model.addAttribute("learner", profile);
		model.addAttribute("form", form);
		Map<String, List<Capability>> groups = this.choices.capabilities();
		Map<String, String> labels = new LinkedHashMap<>();
		groups.values().forEach((list) -> list.forEach((c) -> labels.put(c.identifier(), c.label())));
		model.addAttribute("capabilityGroups", groups);
		model.addAttribute("tierChoices", this.choices.tiers());
		model.addAttribute("signOffs",
				this.ledger.current(learner.value())
					.stream()
					.filter((r) -> r.kind() == EvidenceKind.SIGN_OFF)
					.map((r) -> SignOffLine.of(r, labels))
					.toList());
		return "crediting/sign-offs";
	}

	/** One recorded sign-off, as the page lists it. */
	public record SignOffLine(String capability, int tier, String achievedOn, String expiresOn, String assessor,
			String comment) {

		static SignOffLine of(EvidenceRow row, Map<String, String> labels) {
			return new SignOffLine(labels.getOrDefault(row.capabilityIdentifier(), row.capabilityIdentifier()),
					row.tierRank(), row.achievedAt().atZone(LONDON).toLocalDate().toString(), (row.expiresAt() != null)
							? row.expiresAt().atZone(LONDON).toLocalDate().toString() : "Does not expire",
					row.recordedBy(), row.reason());
		}

	}

	private LearnerId visible(long id, Authentication caller) {
		if (id <= 0 || !this.learners.canSee(caller, new LearnerId(id))) {
			throw new UnknownLearnerRecord(id);
		}
		return this.learners.current(new LearnerId(id));
	}

}
