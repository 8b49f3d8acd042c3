package com.aventian.portal.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.shared.web.NotTeamScoped;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The platform admin's page of a product's API keys ({@code /admin/**} is for platform admins only). */
@Controller
@NotTeamScoped
@RequestMapping("/admin/products/{productId}/keys")
class ApiKeysController {

	static final String VIEW = "admin/api-keys";

	/** The validities the form offers, in days; none means until revoked. */
	static final List<Integer> VALIDITY_DAYS = List.of(30, 90, 365);

	private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final ApiKeys keys;

	private final Clock clock;

	ApiKeysController(ApiKeys keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
	}

	@GetMapping
	String page(@PathVariable UUID productId, Model model) {
		return show(productId, model, "", "");
	}

	@PostMapping
	String create(@PathVariable UUID productId, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String validityDays, @AuthenticationPrincipal PortalPrincipal admin,
			Model model, HttpServletResponse response) {
		Duration validity;
		if (validityDays.isBlank()) {
			validity = null;
		}
		else if (validityDays.matches("\\d{1,4}") && VALIDITY_DAYS.contains(Integer.parseInt(validityDays))) {
			validity = Duration.ofDays(Integer.parseInt(validityDays));
		}
		else {
			model.addAttribute("createError", "Choose one of the validities offered.");
			return show(productId, model, name, "");
		}
		try {
			NewApiKey created = this.keys.create(productId, name, validity, admin.userId(), admin.email());
			// the secret is on this page only: no browser or proxy may keep it
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			model.addAttribute("created", created);
			return show(productId, model, "", "");
		}
		catch (ApiKeyRefusedException ex) {
			model.addAttribute("createError", ex.getMessage());
			return show(productId, model, name, validityDays);
		}
	}

	@PostMapping("/{keyId}/revoke")
	String revoke(@PathVariable UUID productId, @PathVariable UUID keyId, @AuthenticationPrincipal PortalPrincipal admin,
			RedirectAttributes redirect) {
		ApiKey revoked = this.keys.revoke(productId, keyId, admin.userId(), admin.email());
		redirect.addFlashAttribute("flashSuccess", "Key " + revoked.prefix() + "… is revoked: calls with it now get 401.");
		return "redirect:/admin/products/" + productId + "/keys";
	}

	private String show(UUID productId, Model model, String typedName, String typedValidity) {
		ApiKeyMapper.Product product = this.keys.product(productId).orElseThrow(ApiKeyNotFoundException::new);
		Instant now = this.clock.instant();
		model.addAttribute("product", product);
		model.addAttribute("keys", this.keys.keysOf(productId).stream().map((key) -> KeyRow.of(key, now)).toList());
		model.addAttribute("validityDays", VALIDITY_DAYS);
		model.addAttribute("typedName", typedName);
		model.addAttribute("typedValidity", typedValidity);
		return VIEW;
	}

	record KeyRow(UUID id, String name, String prefix, String created, String expires, String lastUsed, String status,
			boolean revocable) {

		static KeyRow of(ApiKey key, Instant now) {
			ApiKey.Status status = key.statusAt(now);
			return new KeyRow(key.id(), key.name(), key.prefix(), SHOWN.format(key.createdAt()),
					(key.expiresAt() == null) ? "never" : SHOWN.format(key.expiresAt()),
					(key.lastUsedAt() == null) ? "never" : SHOWN.format(key.lastUsedAt()), status.name().toLowerCase(),
					status != ApiKey.Status.REVOKED);
		}

	}

}
