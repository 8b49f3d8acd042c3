package com.aventian.portal.provisioning;

import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.product.PlatformAdmin;
import com.aventian.portal.shared.web.NotTeamScoped;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The platform admin's page for the keys encrypting teams' connections: rotate, and disable older keys. */
@Controller
@NotTeamScoped
class EncryptionKeysController {

	static final String VIEW = "provisioning/keys";

	private final ConnectionRotation rotation;

	EncryptionKeysController(ConnectionRotation rotation) {
		this.rotation = rotation;
	}

	@GetMapping("/admin/encryption")
	String page(Model model) {
		model.addAttribute("keys", this.rotation.keys());
		return VIEW;
	}

	@PostMapping("/admin/encryption/rotate")
	String rotate(@AuthenticationPrincipal PortalPrincipal principal, RedirectAttributes redirect) {
		long key = this.rotation.rotate(admin(principal));
		redirect.addFlashAttribute("flashSuccess", "Key " + key + " is the new primary key; stored connections are being re-encrypted with it.");
		return "redirect:/admin/encryption";
	}

	@PostMapping("/admin/encryption/disable-older")
	String disableOlder(@AuthenticationPrincipal PortalPrincipal principal, RedirectAttributes redirect) {
		try {
			int disabled = this.rotation.disableOlderKeys(admin(principal));
			redirect.addFlashAttribute("flashSuccess", disabled + " older key(s) disabled.");
		}
		catch (SubscriptionException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:/admin/encryption";
	}

	private static PlatformAdmin admin(PortalPrincipal principal) {
		return new PlatformAdmin(principal.userId(), principal.email());
	}

}
