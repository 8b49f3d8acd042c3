package com.aventian.portal.team;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.rbac.GrantOfMember;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A members row's grants read by one lateral aggregate (issue 10) say what the four subqueries it replaced said, for
 * grants made to mislead it: an invisible system role holding team.delete, the owner's role granted on a resource
 * only, a member without any grant, two team-wide roles, and another team whose roles have the same names and whose
 * owner role the member also holds there.
 */
@PortalTest
class MemberGrantsAggregateTests {

	/** The four subqueries of the members row before the lateral aggregate (b9f48fc), for one membership m. */
	private static final String BEFORE = """
			select m.user_id,
			  (select r.id from aventian.tbl_user_roles ur join aventian.tbl_roles r on r.id = ur.role_id
			    where ur.team_id = m.team_id and ur.user_id = m.user_id and ur.resource_id is null
			    order by r.sort_order limit 1) as role_id,
			  coalesce((select string_agg(r.name, ', ' order by r.sort_order)
			    from aventian.tbl_user_roles ur join aventian.tbl_roles r on r.id = ur.role_id and r.visible
			    where ur.team_id = m.team_id and ur.user_id = m.user_id and ur.resource_id is null), '') as role_names,
			  (select string_agg(r.name || '@' || coalesce(res.display_name, '-'), '|'
			           order by r.sort_order, r.name, res.display_name nulls first, ur.id)
			    from aventian.tbl_user_roles ur
			    join aventian.tbl_roles r on r.id = ur.role_id and r.team_id = ur.team_id and r.visible
			    left join aventian.tbl_resources res on res.id = ur.resource_id and res.team_id = ur.team_id
			    where ur.team_id = m.team_id and ur.user_id = m.user_id) as grants,
			  exists (select 1 from aventian.tbl_user_roles ur
			    join aventian.tbl_role_privileges rp on rp.role_id = ur.role_id
			    join aventian.tbl_privileges p on p.id = rp.privilege_id
			    where ur.team_id = m.team_id and ur.user_id = m.user_id and ur.resource_id is null
			      and p.code = 'team.delete') as owner
			from aventian.tbl_memberships m where m.team_id = ? and m.user_id = ?""";

	@Autowired
	TestUsers users;

	@Autowired
	MembershipService memberships;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void everyMembersRowSaysWhatTheFourSubqueriesSaid() {
		// given a team and a second team with the same role names, the members of the first in both
		User owner = this.users.create("Mia Owner");
		User hidden = this.users.create("Hal Hidden");
		User scoped = this.users.create("Sam Scoped");
		User bare = this.users.create("Bea Bare");
		User twice = this.users.create("Tia Twice");
		User elsewhere = this.users.create("Eli Elsewhere");
		UUID team = this.users.team("Aggregate " + UUID.randomUUID(), owner, hidden, "Viewer", scoped, "Member", bare,
				"Member", twice, "Member", elsewhere, "Viewer");
		UUID other = this.users.team("Same names " + UUID.randomUUID(), elsewhere, owner, "Member", scoped, "Admin");

		// an invisible system role holding team.delete, held by Hal beside his Viewer role
		UUID invisibleOwner = this.jdbc.queryForObject("""
				insert into aventian.tbl_roles (team_id, name, description, sort_order, system, visible)
				values (?, 'Hidden keeper', '', 5, true, false) returning id""", UUID.class, team);
		this.jdbc.update("""
				insert into aventian.tbl_role_privileges (role_id, privilege_id)
				select ?, p.id from aventian.tbl_privileges p where p.code = 'team.delete'""", invisibleOwner);
		grant(team, hidden, invisibleOwner, null);
		// the Owner role on one resource only: not an owner of the team
		String product = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		UUID productId = this.jdbc.queryForObject("insert into aventian.tbl_master_products (code, name, allowed_resource_types) "
				+ "values (?, ?, array['contact']) returning id", UUID.class, product, "Product " + product);
		UUID resource = this.jdbc.queryForObject("insert into aventian.tbl_resources (team_id, product_id, resource_type, "
				+ "external_id, display_name) values (?, ?, 'contact', ?, 'Contact 1') returning id", UUID.class, team,
				productId, UUID.randomUUID().toString());
		grant(team, scoped, this.users.roleId(team, "Owner"), resource);
		// no grant at all, and two team-wide roles
		this.jdbc.update("delete from aventian.tbl_user_roles where team_id = ? and user_id = ?", team, bare.id());
		grant(team, twice, this.users.roleId(team, "Admin"), null);

		// when each is read as a row, alone and on the page
		List<UUID> members = List.of(owner.id(), hidden.id(), scoped.id(), bare.id(), twice.id(), elsewhere.id());
		Map<UUID, MemberRow> onThePage = new HashMap<>();
		for (MemberRow row : this.memberships.members(team, "", 1).members()) {
			onThePage.put(row.userId(), row);
		}

		// then each says what the subqueries said
		for (UUID member : members) {
			Map<String, Object> before = this.jdbc.queryForMap(BEFORE, team, member);
			for (MemberRow row : List.of(this.memberships.member(team, member), onThePage.get(member))) {
				assertThat(row.roleId()).as("role of " + member).isEqualTo(before.get("role_id"));
				assertThat(row.roleNames()).as("role names of " + member).isEqualTo(before.get("role_names"));
				assertThat(row.owner()).as("owner " + member).isEqualTo(before.get("owner"));
				assertThat(grants(row)).as("grants of " + member).isEqualTo(before.get("grants"));
			}
		}
		assertThat(this.memberships.member(team, hidden.id()).owner()).isTrue();
		assertThat(this.memberships.member(team, scoped.id()).owner()).isFalse();
		assertThat(this.memberships.member(team, elsewhere.id()).owner()).isFalse();
		assertThat(this.memberships.member(other, elsewhere.id()).owner()).isTrue();
		assertThat(this.memberships.member(team, bare.id()).roleNames()).isEmpty();
	}

	private void grant(UUID team, User user, UUID role, UUID resource) {
		this.jdbc.update("insert into aventian.tbl_user_roles (team_id, user_id, role_id, resource_id) values (?, ?, ?, ?)",
				team, user.id(), role, resource);
	}

	/** The grants as the subquery above joins them; null for none, as json_agg gave. */
	private static String grants(MemberRow row) {
		if (row.grants() == null || row.grants().grants().isEmpty()) {
			return null;
		}
		List<String> grants = new ArrayList<>();
		for (GrantOfMember grant : row.grants().grants()) {
			grants.add(grant.roleName() + "@" + ((grant.resourceName() != null) ? grant.resourceName() : "-"));
		}
		return String.join("|", grants);
	}

}
