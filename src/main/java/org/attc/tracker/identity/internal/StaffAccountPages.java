package org.attc.tracker.identity.internal;

import java.util.Arrays;
import java.util.List;

import org.attc.tracker.identity.AppRole;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' pages for staff accounts: list, create, change roles and scope,
 * disable and enable, reset a password. A new password is shown on one page only.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class StaffAccountPages {

	private final StaffAccounts accounts;

	StaffAccountPages(StaffAccounts accounts) {
		this.accounts = accounts;
	}

	/** The form as posted. Organisations come as one text field of codes. */
	record AccountForm(String username, String displayName, String email, List<String> roles, String organisations,
			String learnerId) {

		static AccountForm empty() {
			return new AccountForm("", "", "", List.of(), "", "");
		}

		static AccountForm of(StaffAccountView account) {
			return new AccountForm(account.username(), account.displayName(), account.email(), account.roleNames(),
					String.join(", ", account.organisations()),
					(account.learnerId() != null) ? account.learnerId().toString() : "");
		}

		StaffAccountRequest request() {
			Long learner = null;
			if (this.learnerId != null && !this.learnerId.isBlank()) {
				try {
					learner = Long.valueOf(this.learnerId.strip());
				}
				catch (NumberFormatException ex) {
					// not a number: checked with the other fields as an id out of range,
					// so
					// the form shows every fault at once
					learner = -1L;
				}
			}
			List<String> codes = (this.organisations == null) ? List.of()
					: Arrays.stream(this.organisations.split("[,;\\s]+")).filter((c) -> !c.isBlank()).toList();
			return new StaffAccountRequest(this.username, this.displayName, this.email,
					(this.roles != null) ? this.roles : List.of(), codes, learner);
		}

		public boolean has(String role) {
			return this.roles != null && this.roles.contains(role);
		}

	}

	@GetMapping("/admin/users")
	String list(Model model) {
		return listPage(model, AccountForm.empty(), List.of());
	}

	@PostMapping("/admin/users")
	String create(AccountForm form, Authentication caller, Model model) {
		try {
			StaffAccounts.Created created = this.accounts.create(form.request(), caller);
			model.addAttribute("created", created.account());
			model.addAttribute("password", created.password());
			return listPage(model, AccountForm.empty(), List.of());
		}
		catch (IllegalArgumentException | AccountConflict ex) {
			return listPage(model, form, FormError.all(ex));
		}
	}

	@GetMapping("/admin/users/{id}")
	String account(@PathVariable long id, Model model) {
		StaffAccountView account = this.accounts.get(id);
		return accountPage(model, account, AccountForm.of(account), List.of());
	}

	@PostMapping("/admin/users/{id}")
	String update(@PathVariable long id, AccountForm form, Authentication caller, Model model,
			RedirectAttributes redirect) {
		try {
			this.accounts.update(id, form.request(), null, caller);
			redirect.addFlashAttribute("message", "Account saved.");
			return "redirect:/admin/users/" + id;
		}
		catch (IllegalArgumentException | AccountConflict ex) {
			return accountPage(model, this.accounts.get(id), form, FormError.all(ex));
		}
	}

	@PostMapping("/admin/users/{id}/disable")
	String disable(@PathVariable long id, Authentication caller, RedirectAttributes redirect) {
		try {
			this.accounts.disable(id, caller);
			redirect.addFlashAttribute("message", "Account disabled: it can no longer sign in.");
		}
		catch (AccountConflict ex) {
			redirect.addFlashAttribute("error", "You cannot disable your own account.");
		}
		return "redirect:/admin/users/" + id;
	}

	@PostMapping("/admin/users/{id}/enable")
	String enable(@PathVariable long id, Authentication caller, RedirectAttributes redirect) {
		this.accounts.enable(id, caller);
		redirect.addFlashAttribute("message", "Account enabled.");
		return "redirect:/admin/users/" + id;
	}

	/**
	 * Removes the account's organisation sign-in links: its next single sign-on links
	 * again by the configured claim (a recreated account at the provider, say).
	 */
	@PostMapping("/admin/users/{id}/sso-links/delete")
	String unlinkSingleSignOn(@PathVariable long id, Authentication caller, RedirectAttributes redirect) {
		int removed = this.accounts.unlinkSingleSignOn(id, caller);
		redirect.addFlashAttribute("message", (removed == 1) ? "1 organisation sign-in link removed."
				: removed + " organisation sign-in links removed.");
		return "redirect:/admin/users/" + id;
	}

	@PostMapping("/admin/users/{id}/password")
	String resetPassword(@PathVariable long id, Authentication caller, Model model) {
		String password = this.accounts.resetPassword(id, caller);
		StaffAccountView account = this.accounts.get(id);
		model.addAttribute("password", password);
		return accountPage(model, account, AccountForm.of(account), List.of());
	}

	@ExceptionHandler(UnknownAccount.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String unknown(Model model) {
		model.addAttribute("status", 404);
		return "error";
	}

	private String listPage(Model model, AccountForm form, List<FormError> errors) {
		model.addAttribute("accounts", this.accounts.list());
		form(model, form, errors);
		return "identity/users";
	}

	private String accountPage(Model model, StaffAccountView account, AccountForm form, List<FormError> errors) {
		model.addAttribute("account", account);
		form(model, form, errors);
		return "identity/user";
	}

	private static void form(Model model, AccountForm form, List<FormError> errors) {
		model.addAttribute("form", form);
		model.addAttribute("roles", AppRole.values());
		model.addAttribute("errors", errors);
		model.addAttribute("fieldErrors", FormError.byField(errors));
	}

}
