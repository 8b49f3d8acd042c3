package com.aventian.portal.billing;

import java.nio.charset.StandardCharsets;

import com.aventian.portal.shared.web.NotTeamScoped;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Stripe's webhook endpoint: the raw body's bytes, verified before anything is read from them. */
@RestController
@NotTeamScoped
class StripeWebhookController {

	static final String PATH = "/webhooks/stripe";

	private final StripeWebhooks webhooks;

	StripeWebhookController(StripeWebhooks webhooks) {
		this.webhooks = webhooks;
	}

	@PostMapping(PATH)
	ResponseEntity<String> receive(@RequestBody(required = false) byte[] body,
			@RequestHeader(name = "Stripe-Signature", required = false) String signature) {
		if (!this.webhooks.enabled()) {
			return ResponseEntity.notFound().build();
		}
		String raw = (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
		Event event;
		try {
			event = this.webhooks.verify(raw, signature);
		}
		catch (SignatureVerificationException ex) {
			return ResponseEntity.badRequest().body("signature refused");
		}
		boolean applied = this.webhooks.apply(event, raw);
		return ResponseEntity.ok(applied ? "applied" : "already applied");
	}

}
