package com.aventian.portal.shared.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import com.aventian.portal.ops.SchemaVersion;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.ILazyContextVariable;

/**
 * The base layout's head, header and footer as a page receives them ({@code ${layout.head}} and so on in
 * {@code layout/page}): the markup of {@code layout/parts}, drawn by Thymeleaf once per kind of visitor (the texts of
 * its locale, signed in, platform admin, switcher shown, switcher naming a team, CSRF token present) and kept with slots where
 * the request's own values go (the CSRF token, the switcher's team name), each filled in escaped as {@code th:text}
 * escapes. Drawing these parts on every page was about 25 attribute processor runs (issue 10). Who is signed in and a
 * platform admin is read from the {@link Authentication} of each request, as Spring Security's {@code isAuthenticated()}
 * and {@code hasAuthority(...)} answer it, so a page never shows another kind of visitor's parts.
 */
@Component
public class LayoutMarkup {

	/** The model variable the page view puts the request's parts under. */
	public static final String VARIABLE = "layout";

	/** The authority of a platform admin ({@code PortalAuthorities.PLATFORM_ADMIN}; shared does not import account). */
	static final String PLATFORM_ADMIN = "ROLE_PLATFORM_ADMIN";

	private static final String TEMPLATE = "layout/parts";

	private static final String FLASH_TEMPLATE = "fragments/flash";

	private static final Set<String> FLASH_FRAGMENT = Set.of("flash");

	private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

	/** Stands for a value of the request in the kept markup; neither Thymeleaf's escaping nor the messages change it. */
	private static final Pattern SLOT = Pattern.compile("\\{slot:([A-Za-z]+)\\}");

	/** Past this many kept drawings, draw without keeping. */
	private static final int MAX_KEPT = 512;

	/** Locales come from the request's {@code Accept-Language}: past this many kept, the texts are looked up each time. */
	private static final int MAX_LOCALES = 64;

	/**
	 * What a drawing takes from the locale: its texts, nothing else ({@code layout/parts} formats no date or number).
	 * Drawings are kept by these texts, not by the locale: every language the portal has no messages for gets the same
	 * texts and so shares one drawing, and a client sending hundreds of made-up {@code Accept-Language}s cannot fill
	 * the kept drawings, past which each new kind of visitor would be drawn on every page.
	 */
	private record Texts(String switcherLabel, String switcherNone, String account) {
	}

	private record Kind(Texts texts, String contextPath, boolean signedIn, boolean platformAdmin,
			boolean switcherEnabled, boolean switcherTeam, boolean csrf) {
	}

	private record Drawing(Slotted head, Slotted header, Slotted footer) {
	}

	private final ITemplateEngine templates;

	private final MessageSource messages;

	private final SchemaVersion schemaVersion;

	private final String environment;

	private final Map<Kind, Drawing> kept = new ConcurrentHashMap<>();

	private final Map<Locale, Texts> texts = new ConcurrentHashMap<>();

	/** The flash region without a message, the same on every page: drawn once (a race draws it twice, alike). */
	private String emptyFlash;

	LayoutMarkup(ITemplateEngine templates, MessageSource messages, SchemaVersion schemaVersion,
			@Value("${aventian.environment}") String environment) {
		this.templates = templates;
		this.messages = messages;
		this.schemaVersion = schemaVersion;
		this.environment = "prod".equals(environment) ? null : environment;
	}

	/**
	 * The parts for this request and its model: the header's switcher shows when the model holds
	 * {@code switcherEnabled}, naming {@code switcherTeamName} (a value or a lazy one, looked up only when the header
	 * is drawn). Nothing is worked out until a template reads a part: an htmx partial reads none, and a stranger's page
	 * never asks for a CSRF token (which would start a session).
	 */
	public Parts partsFor(HttpServletRequest request, Map<String, ?> model) {
		return new Parts(request, model);
	}

	/** One request's parts; each is worked out on first read. */
	public final class Parts {

		private final HttpServletRequest request;

		private final Map<String, ?> model;

		private Drawing drawing;

		private Map<String, String> values;

		Parts(HttpServletRequest request, Map<String, ?> model) {
			this.request = request;
			this.model = model;
		}

		public String getHead() {
			return fill(drawing().head());
		}

		public String getHeader() {
			return fill(drawing().header());
		}

		public String getFooter() {
			return fill(drawing().footer());
		}

		/**
		 * The flash messages' region ({@code fragments/flash}, which {@code billing/invoice} also inserts): drawn by
		 * its template only when the model holds a message, else the kept drawing without one. Inserting the fragment
		 * on every page was a fragment lookup and two conditions for a region nearly always empty (issue 10).
		 */
		public String getFlash() {
			Object success = this.model.get("flashSuccess");
			Object error = this.model.get("flashError");
			if (success == null && error == null) {
				return emptyFlash();
			}
			Map<String, Object> messages = new HashMap<>(4);
			messages.put("flashSuccess", success);
			messages.put("flashError", error);
			return drawFlash(messages);
		}

		private Drawing drawing() {
			if (this.drawing == null) {
				Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
				boolean signedIn = TRUST.isAuthenticated(authentication);
				CsrfToken token = signedIn ? csrfToken() : null;
				boolean switcher = Boolean.TRUE.equals(this.model.get("switcherEnabled"));
				String team = switcher ? switcherTeamName() : null;
				this.values = new HashMap<>(8);
				if (token != null) {
					this.values.put("csrfToken", token.getToken());
					this.values.put("csrfHeader", token.getHeaderName());
					this.values.put("csrfParameter", token.getParameterName());
				}
				this.values.put("switcherTeam", team);
				Kind kind = new Kind(texts(RequestContextUtils.getLocale(this.request)), this.request.getContextPath(), signedIn,
						signedIn && holds(authentication, PLATFORM_ADMIN), switcher, team != null, token != null);
				this.drawing = drawingOf(kind);
			}
			return this.drawing;
		}

		private CsrfToken csrfToken() {
			return (this.request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) ? token : null;
		}

		private String switcherTeamName() {
			Object name = this.model.get("switcherTeamName");
			if (name instanceof ILazyContextVariable<?> lazy) {
				name = lazy.getValue();
			}
			return (name != null) ? name.toString() : null;
		}

		private String fill(Slotted part) {
			return part.fill(this.values);
		}

	}

	private String emptyFlash() {
		String flash = this.emptyFlash;
		if (flash == null) {
			flash = drawFlash(Map.of());
			this.emptyFlash = flash;
		}
		return flash;
	}

	private String drawFlash(Map<String, Object> messages) {
		return this.templates.process(FLASH_TEMPLATE, FLASH_FRAGMENT, new Context(Locale.ROOT, messages));
	}

	private Texts texts(Locale locale) {
		Texts known = this.texts.get(locale);
		if (known == null) {
			known = new Texts(this.messages.getMessage("switcher.label", null, locale),
					this.messages.getMessage("switcher.none", null, locale), this.messages.getMessage("nav.account", null, locale));
			if (this.texts.size() < MAX_LOCALES) {
				this.texts.putIfAbsent(locale, known);
			}
		}
		return known;
	}

	private Drawing drawingOf(Kind kind) {
		Drawing drawing = this.kept.get(kind);
		if (drawing == null) {
			drawing = draw(kind);
			if (this.kept.size() < MAX_KEPT) {
				this.kept.putIfAbsent(kind, drawing);
			}
		}
		return drawing;
	}

	private Drawing draw(Kind kind) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("contextPath", kind.contextPath());
		variables.put("signedIn", kind.signedIn());
		variables.put("platformAdmin", kind.platformAdmin());
		variables.put("switcherEnabled", kind.switcherEnabled());
		variables.put("switcherTeam", kind.switcherTeam());
		variables.put("csrf", kind.csrf());
		variables.put("switcherLabel", kind.texts().switcherLabel());
		variables.put("switcherNone", kind.texts().switcherNone());
		variables.put("accountLabel", kind.texts().account());
		variables.put("schemaVersion", this.schemaVersion.value());
		variables.put("environment", this.environment);
		// the texts come in as variables: the drawing depends on nothing but its kind, whichever locale drew it first
		Context context = new Context(Locale.ROOT, variables);
		return new Drawing(Slotted.of(this.templates.process(TEMPLATE, Set.of("layout-head"), context)),
				Slotted.of(this.templates.process(TEMPLATE, Set.of("layout-header"), context)),
				Slotted.of(this.templates.process(TEMPLATE, Set.of("layout-footer"), context)));
	}

	private static boolean holds(Authentication authentication, String authority) {
		for (GrantedAuthority granted : authentication.getAuthorities()) {
			if (authority.equals(granted.getAuthority())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Kept markup cut at its slots: literal pieces and, between them, the names of the values that go there. Filled in
	 * one pass, so a value that happens to read like a slot (a team named {@code {slot:csrfToken}}) stays text.
	 */
	record Slotted(List<String> pieces, List<String> slots) {

		static Slotted of(String markup) {
			List<String> pieces = new ArrayList<>();
			List<String> slots = new ArrayList<>();
			Matcher slot = SLOT.matcher(markup);
			int from = 0;
			while (slot.find()) {
				pieces.add(markup.substring(from, slot.start()));
				slots.add(slot.group(1));
				from = slot.end();
			}
			pieces.add(markup.substring(from));
			return new Slotted(List.copyOf(pieces), List.copyOf(slots));
		}

		String fill(Map<String, String> values) {
			if (this.slots.isEmpty()) {
				return this.pieces.get(0);
			}
			Html out = new Html(2048);
			for (int i = 0; i < this.slots.size(); i++) {
				out.markup(this.pieces.get(i)).text(values.get(this.slots.get(i)));
			}
			return out.markup(this.pieces.get(this.slots.size())).toString();
		}

	}

}
