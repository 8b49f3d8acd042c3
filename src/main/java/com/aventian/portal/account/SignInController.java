package com.aventian.portal.account;

import java.util.ArrayList;
import java.util.List;

import com.aventian.portal.shared.web.NotTeamScoped;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
@NotTeamScoped
class SignInController {

	static final String VIEW = "account/sign-in";

	private final List<SignInProvider> providers;

	SignInController(ObjectProvider<ClientRegistrationRepository> registrations) {
		this.providers = providersOf(registrations.getIfAvailable());
	}

	@GetMapping("/login")
	String signIn(Authentication authentication, Model model) {
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) {
			return "redirect:/";
		}
		model.addAttribute("providers", this.providers);
		return VIEW;
	}

	private static List<SignInProvider> providersOf(ClientRegistrationRepository repository) {
		List<SignInProvider> providers = new ArrayList<>();
		if (repository instanceof Iterable<?> registrations) {
			for (Object registration : registrations) {
				ClientRegistration client = (ClientRegistration) registration;
				providers.add(new SignInProvider(client.getRegistrationId(), client.getClientName()));
			}
		}
		return List.copyOf(providers);
	}

	/** One "Sign in with ..." button. */
	record SignInProvider(String registrationId, String name) {
	}

}
