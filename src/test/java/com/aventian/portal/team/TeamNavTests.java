package com.aventian.portal.team;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The team navigation's links per privilege, with the portal's own messages. */
class TeamNavTests {

	private static final String TEAM_URL = "/teams/7d1c3f0e-8a55-4a51-9d7e-2a1f7c7b0a11";

	/** The links a privilege adds, as the template drew them before the items were worked out in Java. */
	private static final Map<String, List<String>> LINKS_OF_PRIVILEGE = Map.of("members.read", List.of("/members"),
			"members.invite", List.of("/invitations"), "roles.manage", List.of("/resources", "/roles"), "team.read",
			List.of("/products"), "team.update", List.of("/settings"), "audit.read", List.of("/audit"),
			"billing.read", List.of("/billing"));

	private static final List<String> EVERY_MEMBERS = List.of("", "/access", "/leave");

	private final TeamNav nav = new TeamNav(messages());

	@Test
	void aMemberWithoutPrivilegesSeesOverviewTheirAccessAndLeaveOnly() {
		// given a member whose roles give no team-wide privilege (or a page drawn without the team gate)
		for (Set<String> privileges : java.util.Arrays.asList(Set.<String>of(), null)) {
			// when the navigation is worked out
			List<TeamNav.Item> items = this.nav.items(TEAM_URL, privileges, "home");

			// then only the every-member links, labelled from the messages
			assertThat(items).extracting(TeamNav.Item::href).containsExactly(TEAM_URL, TEAM_URL + "/access", TEAM_URL + "/leave");
			assertThat(items).extracting(TeamNav.Item::label).containsExactly("Overview", "Your access", "Leave team");
		}
	}

	@Test
	void eachPrivilegeAddsExactlyItsOwnLinks() {
		LINKS_OF_PRIVILEGE.forEach((privilege, links) -> {
			// given a member with that one privilege and one unrelated to the navigation
			Set<String> privileges = Set.of(privilege, "crm.contact.read");

			// when the navigation is worked out
			List<TeamNav.Item> items = this.nav.items(TEAM_URL, privileges, "access");

			// then the every-member links and that privilege's, no other
			assertThat(items).extracting(TeamNav.Item::href)
				.as(privilege)
				.containsExactlyInAnyOrderElementsOf(
						java.util.stream.Stream.concat(EVERY_MEMBERS.stream(), links.stream()).map(TEAM_URL::concat).toList());
		});
	}

	@Test
	void aMemberWithEveryPrivilegeSeesAllElevenLinksInTheirOrder() {
		// given every privilege the navigation asks about
		Set<String> all = Set.copyOf(LINKS_OF_PRIVILEGE.keySet());

		// when the navigation is worked out on the members page
		List<TeamNav.Item> items = this.nav.items(TEAM_URL, all, "members");

		// then every link in the order the template always had, the members page marked current, the products
		// link with the test id the browser tests use
		assertThat(items).extracting(TeamNav.Item::label)
			.containsExactly("Overview", "Members", "Invitations", "Resources", "Products", "Settings", "Roles",
					"Your access", "Audit log", "Billing", "Leave team");
		assertThat(items).filteredOn((item) -> item.current() != null)
			.extracting(TeamNav.Item::href, TeamNav.Item::current)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(TEAM_URL + "/members", "page"));
		assertThat(items).filteredOn((item) -> item.testId() != null)
			.extracting(TeamNav.Item::href, TeamNav.Item::testId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(TEAM_URL + "/products", "nav-products"));
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		return messages;
	}

}
