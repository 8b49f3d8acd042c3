package com.aventian.portal.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditEvent;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.rbac.RbacFixture.Product;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamRuleException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Giving and taking roles, team-wide or narrowed to a resource: the rules, the audit, the preview, and two admins at once. */
@PortalTest
class RoleAssignmentsTests {

	@Autowired
	RoleAssignments assignments;

	@Autowired
	Authorization authorization;

	@Autowired
	TestUsers users;

	@Autowired
	RbacFixture fixture;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MembershipService memberships;

	User owner;

	User admin;

	User bob;

	UUID team;

	UUID acme;

	UUID globex;

	UUID sales;

	String read;

	@BeforeEach
	void givenATeamWithAProductRoleAndTwoResources() {
		Product crm = this.fixture.product();
		this.read = this.fixture.privilege(crm, "contact.read");
		this.owner = this.users.create("Olga Owner");
		this.admin = this.users.create("Ada Admin");
		this.bob = this.users.create("Bob Member");
		this.team = this.users.team("Assign " + UUID.randomUUID(), this.owner, this.admin, "Admin", this.bob, "Member");
		this.acme = this.fixture.resource(this.team, crm, "contact", "ACME");
		this.globex = this.fixture.resource(this.team, crm, "contact", "Globex");
		this.sales = this.fixture.role(this.team, "Sales", false, true, this.read);
	}

	Actor actor(User user) {
		return new Actor(user.id(), user.email());
	}

	@Nested
	class Assigning {

		@Test
		void aRoleNarrowedToAResourceCountsThereOnlyAndIsAuditedWithBeforeAndAfter() {
			// the owner holds the role's privilege on ACME through a grant of their own
			RoleAssignmentsTests.this.fixture.grant(team, owner.id(), sales, acme);

			GrantOfMember grant = assignments.assign(actor(owner), team, bob.id(), sales, acme);

			assertThat(grant.label()).isEqualTo("Sales on contact 'ACME'");
			assertThat(authorization.can(bob.id(), team, read, acme)).isTrue();
			assertThat(authorization.can(bob.id(), team, read, globex)).isFalse();
			assertThat(authorization.can(bob.id(), team, read, null)).isFalse();
			List<AuditEvent> events = audit.eventsAbout("user", bob.id().toString());
			assertThat(events).filteredOn((e) -> e.action().equals("ROLE_ASSIGNED"))
				.singleElement()
				.satisfies((e) -> assertThat(e.details().json()).contains("\"before\": [\"Member\"]")
					.contains("\"after\": [\"Member\", \"Sales on contact 'ACME'\"]"));
		}

		@Test
		void aScopedGrantCannotReachBeyondTheGiversOwnScope() {
			RoleAssignmentsTests.this.fixture.grant(team, owner.id(), sales, acme);

			assertThatThrownBy(() -> assignments.assign(actor(owner), team, bob.id(), sales, globex))
				.isInstanceOf(TeamRuleException.class)
				.hasMessageContaining("privileges you do not have there (" + read + ")");
			assertThatThrownBy(() -> assignments.assign(actor(owner), team, bob.id(), sales, null))
				.isInstanceOf(TeamRuleException.class)
				.hasMessageContaining("privileges you do not have (" + read + ")");
		}

		@Test
		void theSameGrantTwiceIsRefusedSayingSo() {
			UUID viewer = users.roleId(team, "Viewer");
			assignments.assign(actor(owner), team, bob.id(), viewer, acme);

			assertThatThrownBy(() -> assignments.assign(actor(owner), team, bob.id(), viewer, acme))
				.hasMessage("Bob Member already has the role Viewer on contact 'ACME'.");
		}

	}

	@Nested
	class Unassigning {

		@Test
		void thePreviewNamesWhatTheMemberWouldLoseAndNothingWhenAnotherGrantStillGivesIt() {
			UUID member = users.roleId(team, "Member");
			UUID viewer = users.roleId(team, "Viewer");
			GrantOfMember viewerGrant = assignments.assign(actor(owner), team, bob.id(), viewer, null);
			UUID memberGrant = jdbc.queryForObject("select id from aventian.tbl_user_roles where team_id = ? and user_id = ? "
					+ "and role_id = ?", UUID.class, team, bob.id(), member);

			UnassignPreview keepsAll = assignments.previewUnassign(team, viewerGrant.id());
			UnassignPreview losesSome = assignments.previewUnassign(team, memberGrant);

			assertThat(keepsAll.takesSomethingAway()).isFalse();
			assertThat(losesSome.lost()).containsExactly("members.read");
			assertThat(losesSome.memberName()).isEqualTo("Bob Member");
		}

		@Test
		void removingAGrantTakesItsPrivilegesAtOnceAndIsAudited() {
			GrantOfMember grant = assignments.assign(actor(owner), team, bob.id(), users.roleId(team, "Billing manager"), null);
			assertThat(authorization.can(bob.id(), team, "billing.read", null)).isTrue();

			assignments.unassign(actor(owner), team, grant.id());

			assertThat(authorization.can(bob.id(), team, "billing.read", null)).isFalse();
			assertThat(audit.eventsAbout("user", bob.id().toString())).extracting(AuditEvent::action)
				.contains("ROLE_ASSIGNED", "ROLE_UNASSIGNED");
		}

		@Test
		void anAdminCannotTakeAwayARoleHoldingPrivilegesTheyLack() {
			UUID ownerGrant = jdbc.queryForObject("select id from aventian.tbl_user_roles where team_id = ? and user_id = ?",
					UUID.class, team, owner.id());

			assertThatThrownBy(() -> assignments.unassign(actor(admin), team, ownerGrant))
				.hasMessageContaining("privileges you do not have");
			assertThat(authorization.can(owner.id(), team, "team.delete", null)).isTrue();
		}

		@Test
		void theLastOwnersGrantCannotBeRemovedEvenByThemselves() {
			UUID ownerGrant = jdbc.queryForObject("select id from aventian.tbl_user_roles where team_id = ? and user_id = ?",
					UUID.class, team, owner.id());

			assertThatThrownBy(() -> assignments.unassign(actor(owner), team, ownerGrant))
				.hasMessageContaining("The team must keep an owner");
			assertThat(authorization.can(owner.id(), team, "team.delete", null)).isTrue();
		}

	}

	@Nested
	class ChangingTheRoleWithThePicker {

		@Test
		void keepsTheMembersSystemScopedAndProductGrantsAndReplacesOnlyTheTeamsOwnRoles() {
			UUID hidden = fixture.role(team, "Platform support", true, false, "team.read");
			fixture.grant(team, bob.id(), hidden, null);
			fixture.grant(team, bob.id(), users.roleId(team, "Viewer"), acme);
			int version = jdbc.queryForObject("select version from aventian.tbl_memberships where team_id = ? and user_id = ?",
					Integer.class, team, bob.id());

			memberships.changeRole(actor(owner), team, bob.id(), users.roleId(team, "Viewer"), version);

			assertThat(jdbc.queryForList("select r.name || coalesce(' on ' || ur.resource_id, '') from aventian.tbl_user_roles ur "
					+ "join aventian.tbl_roles r on r.id = ur.role_id where ur.team_id = ? and ur.user_id = ? order by 1",
					String.class, team, bob.id()))
				.containsExactly("Platform support", "Viewer", "Viewer on " + acme);
		}

	}

	@Nested
	class TwoAdminsAtOnce {

		@Test
		void twoOwnersTakingEachOthersOwnershipAtOnceLeaveTheTeamWithOneOwner() throws Exception {
			User second = users.create("Second Owner");
			UUID ownerRole = users.roleId(team, "Owner");
			jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)", team, second.id());
			fixture.grant(team, second.id(), ownerRole, null);
			UUID firstsGrant = grantOf(owner, ownerRole);
			UUID secondsGrant = grantOf(second, ownerRole);

			List<Object> outcomes = atOnce(() -> assignments.unassign(actor(owner), team, secondsGrant),
					() -> assignments.unassign(actor(second), team, firstsGrant));

			assertThat(outcomes).filteredOn(GrantOfMember.class::isInstance).hasSize(1);
			assertThat(outcomes).filteredOn(TeamRuleException.class::isInstance).hasSize(1);
			assertThat(jdbc.queryForObject("select count(*) from aventian.tbl_user_roles where team_id = ? and role_id = ?",
					Integer.class, team, ownerRole)).isEqualTo(1);
		}

		@Test
		void twoAdminsGivingTheSameRoleAtOnceStoreItOnceAndTheOtherIsTold() throws Exception {
			UUID viewer = users.roleId(team, "Viewer");
			User otherAdmin = users.create("Other Admin");
			jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)", team, otherAdmin.id());
			fixture.grant(team, otherAdmin.id(), users.roleId(team, "Admin"), null);

			List<Object> outcomes = atOnce(() -> assignments.assign(actor(admin), team, bob.id(), viewer, acme),
					() -> assignments.assign(actor(otherAdmin), team, bob.id(), viewer, acme));

			assertThat(outcomes).filteredOn(GrantOfMember.class::isInstance).hasSize(1);
			assertThat(outcomes).filteredOn(TeamRuleException.class::isInstance)
				.singleElement()
				.satisfies((ex) -> assertThat(((Exception) ex).getMessage()).contains("already has the role Viewer"));
			assertThat(jdbc.queryForObject("select count(*) from aventian.tbl_user_roles where team_id = ? and user_id = ? "
					+ "and role_id = ?", Integer.class, team, bob.id(), viewer)).isEqualTo(1);
		}

		UUID grantOf(User user, UUID roleId) {
			return jdbc.queryForObject("select id from aventian.tbl_user_roles where team_id = ? and user_id = ? and role_id = ?",
					UUID.class, team, user.id(), roleId);
		}

		/** Runs both at the same moment; each outcome is the result or the exception thrown. */
		List<Object> atOnce(Callable<?> first, Callable<?> second) throws Exception {
			ExecutorService pool = Executors.newFixedThreadPool(2);
			CountDownLatch start = new CountDownLatch(1);
			try {
				List<Future<Object>> futures = new ArrayList<>();
				for (Callable<?> task : List.of(first, second)) {
					futures.add(pool.submit(() -> {
						start.await();
						try {
							return task.call();
						}
						catch (TeamRuleException ex) {
							return ex;
						}
					}));
				}
				start.countDown();
				List<Object> outcomes = new ArrayList<>();
				for (Future<Object> future : futures) {
					outcomes.add(future.get(30, TimeUnit.SECONDS));
				}
				return outcomes;
			}
			finally {
				pool.shutdownNow();
			}
		}

	}

}
