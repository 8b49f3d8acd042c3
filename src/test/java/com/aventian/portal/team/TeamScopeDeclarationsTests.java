package com.aventian.portal.team;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.aventian.localmode.DevMailboxController;
import com.aventian.portal.PortalTest;
import com.aventian.portal.shared.web.NotTeamScoped;
import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mock.web.MockServletContext;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The team gate refuses by default: a handler of ours that does not declare its team scope stops the start. */
class TeamScopeDeclarationsTests {

	/** Starts a minimal MVC application holding the gate's start-up check and the given controllers. */
	static void start(Class<?>... controllers) {
		try (AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext()) {
			context.setServletContext(new MockServletContext());
			context.register(MinimalMvc.class, TeamScopeDeclarations.class);
			context.register(controllers);
			context.refresh();
		}
	}

	static String reasonWhy(Throwable failure) {
		return NestedExceptionUtils.getMostSpecificCause(failure).getMessage();
	}

	@Test
	void aHandlerThatDeclaresNoTeamScopeStopsTheStartNamingIt() {
		assertThatThrownBy(() -> start(Declared.class, Undeclared.class))
			.satisfies((failure) -> assertThat(reasonWhy(failure)).contains("The team gate refuses to start")
				.contains(Undeclared.class.getName() + "#report")
				.contains("declares none of @TeamPrivilege, @AnyTeamMember, @NotTeamScoped")
				.doesNotContain("#page"));
	}

	@Test
	void aTeamAnnotationOutsideTheTeamPathStopsTheStartForTheGateWouldNotRunThere() {
		assertThatThrownBy(() -> start(PrivilegeOutsideTeamPath.class))
			.satisfies((failure) -> assertThat(reasonWhy(failure)).contains("#export")
				.contains("is team-scoped but not under /teams/{teamId}"));
	}

	@Test
	void aHandlerMarkedNotTeamScopedThatNamesATeamStopsTheStart() {
		assertThatThrownBy(() -> start(NotScopedButNamesATeam.class))
			.satisfies((failure) -> assertThat(reasonWhy(failure)).contains("#peek")
				.contains("names a team but is marked @NotTeamScoped"));
	}

	@Test
	void declaredHandlersFrameworkHandlersAndLocalModesMailboxStart() {
		assertThatCode(() -> start(Declared.class, ClassMarkedNotTeamScoped.class, DevMailboxController.class, Mail.class))
			.doesNotThrowAnyException();
	}

	@Nested
	@PortalTest
	class ThePortalItself {

		@Autowired
		Set<RequestMappingInfoHandlerMapping> mappings;

		@Test
		void startsAndEveryHandlerOutsideOurPackageIsTheFrameworksOwn() {
			Set<String> foreign = new TreeSet<>();
			this.mappings.forEach((mapping) -> mapping.getHandlerMethods().values().forEach((handler) -> {
				if (!handler.getBeanType().getPackageName().startsWith(TeamScopeDeclarations.OWN_PACKAGE)) {
					foreign.add(handler.getBeanType().getName());
				}
			}));

			// Boot's error controller, and springdoc's OpenAPI description of the products' API (/api/v1/openapi.json)
			assertThat(foreign).isNotEmpty()
				.allSatisfy((type) -> assertThat(type).satisfiesAnyOf((name) -> assertThat(name).startsWith("org.springframework.boot."),
						(name) -> assertThat(name).startsWith("org.springdoc.")));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	static class MinimalMvc {

	}

	@Configuration(proxyBeanMethods = false)
	static class Mail {

		@Bean
		GreenMail greenMail() {
			return new GreenMail();
		}

	}

	@Controller
	static class Declared {

		@GetMapping("/teams/{teamId}/reports")
		@TeamPrivilege("team.read")
		String page(@PathVariable UUID teamId) {
			return "reports";
		}

		@GetMapping("/help")
		@NotTeamScoped
		String help() {
			return "help";
		}

	}

	@Controller
	static class Undeclared {

		@GetMapping("/reports/{reportId}")
		String report(@PathVariable UUID reportId) {
			return "report";
		}

	}

	@Controller
	static class PrivilegeOutsideTeamPath {

		@PostMapping("/export/{teamId}")
		@TeamPrivilege("team.read")
		String export(@PathVariable UUID teamId) {
			return "export";
		}

	}

	@Controller
	@NotTeamScoped
	static class NotScopedButNamesATeam {

		@GetMapping("/teams/{teamId}/peek")
		String peek(@PathVariable UUID teamId) {
			return "peek";
		}

	}

	@Controller
	@NotTeamScoped
	static class ClassMarkedNotTeamScoped {

		@GetMapping("/about")
		String about() {
			return "about";
		}

	}

}
