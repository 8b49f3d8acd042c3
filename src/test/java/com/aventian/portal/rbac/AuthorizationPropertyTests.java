package com.aventian.portal.rbac;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.rbac.RbacFixture.Product;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Authorization#can} against a brute-force evaluation of the same random grants, written
 * straight into the schema: for every member, privilege and resource (and no resource), a check is
 * allowed exactly when some grant of that member, in that team, of a role holding the privilege, is
 * team-wide or narrowed to the resource named. Seeded, so a failure replays.
 */
@PortalTest
class AuthorizationPropertyTests {

	static final long SEED = 20261129L;

	@Autowired
	Authorization authorization;

	@Autowired
	TestUsers users;

	@Autowired
	RbacFixture fixture;

	@Autowired
	JdbcTemplate jdbc;

	/** A grant as the brute force sees it: the role's privileges, and the resource (null: team-wide). */
	record Given(UUID teamId, UUID userId, Set<String> privileges, UUID resourceId) {
	}

	@Test
	void canAgreesWithABruteForceEvaluationOverRandomGrants() {
		Random random = new Random(SEED);
		Product product = this.fixture.product();
		List<String> privileges = new ArrayList<>();
		for (String suffix : List.of("contact.read", "contact.write", "contact.delete", "pipeline.read",
				"pipeline.write", "export")) {
			privileges.add(this.fixture.privilege(product, suffix));
		}
		User owner = this.users.create("Prop Owner");
		List<User> people = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			people.add(this.users.create("Prop Person " + i));
		}
		List<Given> given = new ArrayList<>();
		Map<UUID, List<UUID>> resourcesOfTeam = new java.util.HashMap<>();
		List<UUID> teams = new ArrayList<>();
		for (int t = 0; t < 3; t++) {
			// every person is a Viewer of every team (team.read team-wide), plus random grants
			UUID team = this.users.team("Prop " + t + " " + UUID.randomUUID(), owner, people.get(0), "Viewer",
					people.get(1), "Viewer", people.get(2), "Viewer", people.get(3), "Viewer");
			teams.add(team);
			for (User person : people) {
				given.add(new Given(team, person.id(), Set.of("team.read"), null));
			}
			List<UUID> resources = new ArrayList<>();
			for (int r = 0; r < 3; r++) {
				resources.add(this.fixture.resource(team, product, r % 2 == 0 ? "contact" : "pipeline", "Thing " + r));
			}
			resourcesOfTeam.put(team, resources);
			List<UUID> roles = new ArrayList<>();
			List<Set<String>> roleCodes = new ArrayList<>();
			for (int r = 0; r < 5; r++) {
				Set<String> codes = privileges.stream().filter((code) -> random.nextInt(3) == 0).collect(Collectors.toSet());
				boolean invisible = random.nextInt(5) == 0;
				roles.add(this.fixture.role(team, "Random " + r, invisible, !invisible, codes.toArray(String[]::new)));
				roleCodes.add(codes);
			}
			for (User person : people) {
				Set<String> taken = new HashSet<>();
				int count = random.nextInt(4);
				for (int g = 0; g < count; g++) {
					int role = random.nextInt(roles.size());
					UUID resource = random.nextBoolean() ? null : resources.get(random.nextInt(resources.size()));
					if (taken.add(role + "/" + resource)) {
						this.fixture.grant(team, person.id(), roles.get(role), resource);
						given.add(new Given(team, person.id(), roleCodes.get(role), resource));
					}
				}
			}
		}
		// one person leaves the last team: their grants there go with the membership
		UUID left = teams.get(2);
		this.jdbc.update("delete from aventian.tbl_memberships where team_id = ? and user_id = ?", left, people.get(3).id());
		given.removeIf((g) -> g.teamId().equals(left) && g.userId().equals(people.get(3).id()));

		List<String> checked = new ArrayList<>(privileges);
		checked.add("team.read");
		checked.add("team.delete");
		SoftAssertions softly = new SoftAssertions();
		int cases = 0;
		int allowed = 0;
		for (UUID team : teams) {
			List<UUID> places = new ArrayList<>();
			places.add(null);
			resourcesOfTeam.values().forEach(places::addAll);
			for (User person : people) {
				for (String privilege : checked) {
					for (UUID resource : places) {
						boolean expected = bruteForce(given, team, person.id(), privilege, resource);
						boolean actual = this.authorization.can(person.id(), team, privilege, resource);
						softly.assertThat(actual)
							.as("can(%s, team %s, %s, %s)", person.displayName(), teams.indexOf(team), privilege, resource)
							.isEqualTo(expected);
						cases++;
						allowed += expected ? 1 : 0;
					}
				}
			}
		}
		softly.assertAll();
		// the draw must exercise both answers, or the comparison proves little
		assertThat(cases).isGreaterThanOrEqualTo(500);
		assertThat(allowed).isBetween(cases / 10, cases - cases / 10);
	}

	private static boolean bruteForce(List<Given> given, UUID team, UUID user, String privilege, UUID resource) {
		for (Given g : given) {
			if (g.teamId().equals(team) && g.userId().equals(user) && g.privileges().contains(privilege)
					&& (g.resourceId() == null || g.resourceId().equals(resource))) {
				return true;
			}
		}
		return false;
	}

}
