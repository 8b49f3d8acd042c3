package com.aventian.portal.api;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.api.ApiFixture.Product;
import com.aventian.portal.team.MembershipService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The team's member count is cached with every member's privileges for team home (issue 10) and evicted on every join
 * and leave: GetUserDetails answers from the same cached value, yet neither its body nor its ETag may change when
 * someone else joins or leaves (a product's conditional requests would all miss), and it never tells the count.
 */
@PortalTest
class DetailsAfterJoinsTests {

	@LocalServerPort
	int port;

	@Autowired
	ApiFixture fixture;

	@Autowired
	TestUsers users;

	@Autowired
	MembershipService memberships;

	@Test
	void anotherMemberJoiningOrLeavingChangesNeitherTheAnswerNorItsEtag() {
		Product crm = this.fixture.product();
		ApiHttp api = new ApiHttp(this.port, this.fixture.key(crm));
		User owner = this.users.create("Olga Owner");
		User zoe = this.users.create("Zoe Member");
		UUID team = this.users.team("Details " + UUID.randomUUID(), owner, zoe, "Member");
		this.fixture.associate(team, crm);
		String read = this.fixture.privilege(crm, "contact.read");
		this.fixture.grant(team, zoe.id(), this.fixture.role(team, "Reader", false, true, read), null);
		String path = "/api/v1/users/" + zoe.id() + "/details?teamId=" + team;
		HttpResponse<String> before = api.get(path);
		assertThat(before.statusCode()).isEqualTo(200);
		String etag = before.headers().firstValue("ETag").orElseThrow();

		User cid = this.users.create("Cid Joiner");
		this.memberships.addMemberWithRole(team, cid.id(), this.users.roleId(team, "Member"), owner.id());
		HttpResponse<String> afterJoin = api.get(path, "If-None-Match", etag);
		this.memberships.leave(new MembershipService.Actor(cid.id(), cid.email()), team);
		HttpResponse<String> afterLeave = api.get(path);

		assertThat(afterJoin.statusCode()).isEqualTo(304);
		assertThat(afterLeave.statusCode()).isEqualTo(200);
		assertThat(afterLeave.body()).isEqualTo(before.body()).doesNotContain("memberCount").doesNotContain("homeRoles");
		assertThat(afterLeave.headers().firstValue("ETag")).hasValue(etag);
	}

}
