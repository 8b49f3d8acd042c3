package com.aventian.portal.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.aventian.portal.api.ApiViews.PrivilegeView;
import com.aventian.portal.api.ApiViews.ResourceView;
import com.aventian.portal.api.ApiViews.RoleView;
import com.aventian.portal.api.ApiViews.SubscriptionView;
import com.aventian.portal.api.ApiViews.TeamView;
import com.aventian.portal.api.ApiViews.UserDetails;
import com.aventian.portal.api.ApiViews.UserView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A product keeps a GetUserDetails answer and revalidates it with its ETag ({@link DetailsEtag}, from the answer's
 * values, not its bytes): two answers get the same ETag exactly when their JSON is the same, else a product keeps
 * using roles or privileges that changed (review20). Checked over answers built from a small set of values, so that
 * equal and nearly equal answers are common (values moved between neighbouring fields, lists reordered, a null next to
 * an empty text), and on chosen pairs that differ by a boundary only.
 */
class DetailsEtagTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final UUID[] IDS = { new UUID(1, 1), new UUID(1, 2), new UUID(2, 1) };

	private static final String[] TEXTS = { null, "", "a", "b", "ab", "é" };

	@Test
	void overManySmallAnswersTheEtagsAreEqualExactlyWhenTheJsonIs() {
		Random random = new Random(20261130);
		Map<String, String> etagOfJson = new HashMap<>();
		Map<String, String> jsonOfEtag = new HashMap<>();
		for (int i = 0; i < 50_000; i++) {
			UserDetails details = answer(random);
			String json = JSON.writeValueAsString(details);
			String etag = DetailsEtag.of(details);

			assertThat(etagOfJson.computeIfAbsent(json, (key) -> etag)).as(json).isEqualTo(etag);
			assertThat(jsonOfEtag.computeIfAbsent(etag, (key) -> json)).as(etag).isEqualTo(json);
		}
		assertThat(etagOfJson.size()).as("distinct answers seen").isGreaterThan(10_000);
	}

	@Test
	void answersThatDifferOnlyByWhereAValueEndsOrByANullGetDifferentEtags() {
		UUID id = IDS[0];
		TeamView team = new TeamView(id, "t");
		SubscriptionView sub = new SubscriptionView("crm", "ACTIVE", "ACTIVE");
		List<UserDetails[]> pairs = List.of(
				pair(new UserDetails(new UserView(id, "a", "bc", "ACTIVE"), team, sub, List.of(), List.of()),
						new UserDetails(new UserView(id, "ab", "c", "ACTIVE"), team, sub, List.of(), List.of())),
				pair(new UserDetails(new UserView(id, null, "x", "ACTIVE"), team, sub, List.of(), List.of()),
						new UserDetails(new UserView(id, "", "x", "ACTIVE"), team, sub, List.of(), List.of())),
				pair(answerWith(List.of(new RoleView(id, "r", false, true, null)), List.of()),
						answerWith(List.of(new RoleView(id, "r", false, true, new ResourceView(null, null, null))), List.of())),
				pair(answerWith(List.of(), List.of(new PrivilegeView("p", true, List.of()),
						new PrivilegeView("q", false, List.of(new ResourceView(id, "t", "n"))))),
						answerWith(List.of(), List.of(new PrivilegeView("p", true, List.of(new ResourceView(id, "t", "n"))),
								new PrivilegeView("q", false, List.of())))),
				pair(answerWith(List.of(new RoleView(IDS[0], "r", false, true, null), new RoleView(IDS[1], "s", false, true, null)),
						List.of()),
						answerWith(List.of(new RoleView(IDS[1], "s", false, true, null), new RoleView(IDS[0], "r", false, true, null)),
								List.of())),
				pair(answerWith(List.of(new RoleView(id, "r", true, false, null)), List.of()),
						answerWith(List.of(new RoleView(id, "r", false, true, null)), List.of())));
		for (UserDetails[] pair : pairs) {
			assertThat(JSON.writeValueAsString(pair[0])).isNotEqualTo(JSON.writeValueAsString(pair[1]));
			assertThat(DetailsEtag.of(pair[0])).as(JSON.writeValueAsString(pair[0])).isNotEqualTo(DetailsEtag.of(pair[1]));
		}
	}

	private static UserDetails[] pair(UserDetails first, UserDetails second) {
		return new UserDetails[] { first, second };
	}

	private static UserDetails answerWith(List<RoleView> roles, List<PrivilegeView> privileges) {
		return new UserDetails(new UserView(IDS[0], "e", "n", "ACTIVE"), new TeamView(IDS[0], "t"),
				new SubscriptionView("crm", "ACTIVE", "ACTIVE"), roles, privileges);
	}

	private static UserDetails answer(Random random) {
		List<RoleView> roles = new ArrayList<>();
		for (int n = random.nextInt(3); n > 0; n--) {
			roles.add(new RoleView(pick(random, IDS), pick(random, TEXTS), random.nextBoolean(), random.nextBoolean(),
					resource(random)));
		}
		List<PrivilegeView> privileges = new ArrayList<>();
		for (int n = random.nextInt(3); n > 0; n--) {
			List<ResourceView> resources = new ArrayList<>();
			for (int r = random.nextInt(3); r > 0; r--) {
				resources.add(resource(random));
			}
			privileges.add(new PrivilegeView(pick(random, TEXTS), random.nextBoolean(), resources));
		}
		return new UserDetails(
				new UserView(IDS[random.nextInt(2)], pick(random, TEXTS), pick(random, TEXTS), random.nextBoolean() ? "ACTIVE" : null),
				new TeamView(IDS[0], pick(random, TEXTS)),
				new SubscriptionView(pick(random, TEXTS), random.nextBoolean() ? "ACTIVE" : "", pick(random, TEXTS)), roles,
				privileges);
	}

	private static ResourceView resource(Random random) {
		return random.nextInt(4) == 0 ? null
				: new ResourceView(random.nextInt(4) == 0 ? null : pick(random, IDS), pick(random, TEXTS), pick(random, TEXTS));
	}

	private static <T> T pick(Random random, T[] values) {
		return values[random.nextInt(values.length)];
	}

}
