package com.aventian.portal.billing;

import java.util.UUID;

import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Products, plans and billing teams for billing tests, each test its own. */
@TestConfiguration(proxyBeanMethods = false)
public class BillingFixtures {

	private final JdbcTemplate jdbc;

	private final Plans plans;

	private final TestUsers users;

	BillingFixtures(JdbcTemplate jdbc, Plans plans, TestUsers users) {
		this.jdbc = jdbc;
		this.plans = plans;
		this.users = users;
	}

	public UUID product(String name) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("insert into aventian.tbl_master_products (id, code, name) values (?, ?, ?)", id,
				"p" + id.toString().substring(0, 8), name);
		return id;
	}

	/** A plan: price and extra seat price in minor units. */
	public Plan plan(UUID productId, String code, String currency, long price, BillingInterval interval, int includedSeats,
			long extraSeatPrice, int trialDays) {
		return this.plans.create(null, "fixture", new PlanForm(productId.toString(), code, code.toUpperCase(), currency,
				Long.toString(price), interval.name(), Integer.toString(includedSeats), Long.toString(extraSeatPrice),
				Integer.toString(trialDays)));
	}

	/** A team owned by a new user (who holds billing.manage as its owner). */
	public Team team(String name) {
		User owner = this.users.create(name + " Owner");
		return new Team(this.users.team(name + " " + UUID.randomUUID().toString().substring(0, 6), owner), owner);
	}

	public User platformAdmin() {
		User admin = this.users.create("Platform Admin");
		this.jdbc.update("update aventian.tbl_users set platform_admin = true where id = ?", admin.id());
		return admin;
	}

	public record Team(UUID id, User owner) {
	}

}
