package com.aventian.portal.billing;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.MovableClock;
import com.aventian.portal.PortalHttp;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Refused billing input: a clear message on the page, what was typed kept, nothing stored. */
@BillingTest
class BillingBadInputTests {

	@LocalServerPort
	int port;

	@Autowired
	BillingFixtures fixtures;

	@Autowired
	BillingSubscriptions subscriptions;

	@Autowired
	Invoices invoices;

	@Autowired
	TestUsers users;

	@Autowired
	MovableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	UUID product;

	@BeforeEach
	void product() {
		this.clock.reset();
		this.product = this.fixtures.product("Bad Input");
	}

	@Test
	void negativeOrNonIntegerAmountsAndUnknownCurrenciesAreRefusedOnThePlanForm() {
		PortalHttp admin = this.users.signedIn(this.port, this.fixtures.platformAdmin());

		HttpResponse<String> negative = admin.submit("/admin/plans", "/admin/plans", plan("neg-price", "EUR", "-500", "0"));
		HttpResponse<String> fraction = admin.submit("/admin/plans", "/admin/plans", plan("frac-price", "EUR", "12.5", "0"));
		HttpResponse<String> currency = admin.submit("/admin/plans", "/admin/plans", plan("bad-currency", "EUX", "1000", "0"));
		HttpResponse<String> seatPrice = admin.submit("/admin/plans", "/admin/plans", plan("bad-seat", "JPY", "1000", "1e3"));

		assertThat(negative.statusCode()).isEqualTo(200);
		assertThat(negative.body()).contains("Enter the price as a whole number of the currency&#39;s minor unit")
			.contains("value=\"-500\"");
		assertThat(fraction.body()).contains("Enter the price as a whole number").contains("value=\"12.5\"");
		assertThat(currency.body()).contains("&quot;EUX&quot; is not an ISO 4217 currency code").contains("value=\"EUX\"");
		assertThat(seatPrice.body()).contains("Enter the price of an extra seat as a whole number");
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_plans where product_id = ?", Long.class,
				this.product)).isZero();
	}

	@Test
	void pricesSoLargeThatBillingAHundredThousandSeatsForAYearCouldOverflowAreRefusedOnThePlanForm() {
		PortalHttp admin = this.users.signedIn(this.port, this.fixtures.platformAdmin());

		HttpResponse<String> price = admin.submit("/admin/plans", "/admin/plans", plan("huge-price", "EUR", "999999999999999", "0"));
		HttpResponse<String> seatPrice = admin.submit("/admin/plans", "/admin/plans", plan("huge-seat", "EUR", "1000", "99999999999"));

		assertThat(price.statusCode()).isEqualTo(200);
		assertThat(price.body()).contains("at most 10000000000").contains("value=\"999999999999999\"");
		assertThat(seatPrice.body()).contains("at most 10000000000").contains("value=\"99999999999\"");
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_plans where product_id = ?", Long.class,
				this.product)).isZero();
	}

	@Test
	void aPlanFormIsOnlyForPlatformAdmins() {
		PortalHttp someone = this.users.signedIn(this.port);

		assertThat(someone.get("/admin/plans").statusCode()).isEqualTo(403);
	}

	@Test
	void zeroSeatsAreRefusedAndNoSubscriptionIsCreated() {
		Plan plan = this.fixtures.plan(this.product, "zero", "EUR", 1000, BillingInterval.MONTH, 1, 0, 0);
		BillingFixtures.Team team = this.fixtures.team("Zero Seats");
		PortalHttp owner = this.users.signedIn(this.port, team.owner());
		String page = "/teams/" + team.id() + "/billing";

		HttpResponse<String> zero = owner.submit(page, page + "/subscriptions", Map.of("planId", plan.id().toString(), "seats", "0"));
		HttpResponse<String> text = owner.submit(page, page + "/subscriptions", Map.of("planId", plan.id().toString(), "seats", "two"));

		assertThat(zero.statusCode()).isEqualTo(200);
		assertThat(zero.body()).contains("Enter a whole number of seats, at least 1.").contains("value=\"0\"");
		assertThat(text.body()).contains("Enter a whole number of seats, at least 1.").contains("value=\"two\"");
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_team_product_assoc where team_id = ?", Long.class,
				team.id())).isZero();
	}

	@Test
	void aPlanChangeOnACancelledSubscriptionIsRefused() {
		Plan basic = this.fixtures.plan(this.product, "basic", "EUR", 1000, BillingInterval.MONTH, 1, 0, 0);
		Plan pro = this.fixtures.plan(this.product, "pro", "EUR", 2000, BillingInterval.MONTH, 1, 0, 0);
		BillingFixtures.Team team = this.fixtures.team("Cancelled");
		UUID subscription = this.subscriptions.subscribe(team.owner().id(), "owner", team.id(), basic.id().toString(), "1");
		this.jdbc.update("update aventian.tbl_subscription_billing set status = 'CANCELLED' where assoc_id = ?", subscription);
		int invoicesBefore = this.invoices.ofTeam(team.id()).size();
		PortalHttp owner = this.users.signedIn(this.port, team.owner());
		String page = "/teams/" + team.id() + "/billing";

		HttpResponse<String> change = owner.submit(page, page + "/subscriptions/" + subscription + "/plan",
				Map.of("planId", pro.id().toString()));

		assertThat(change.statusCode()).isEqualTo(200);
		assertThat(change.body()).contains("This subscription is cancelled: subscribe again to choose a plan or seats.");
		assertThat(this.subscriptions.ofTeam(team.id()).get(0).planId()).isEqualTo(basic.id());
		assertThat(this.invoices.ofTeam(team.id())).hasSize(invoicesBefore);
	}

	@Test
	void aPaymentForAVoidedInvoiceIsRefused() {
		Plan plan = this.fixtures.plan(this.product, "void", "EUR", 1000, BillingInterval.MONTH, 1, 0, 0);
		BillingFixtures.Team team = this.fixtures.team("Voided");
		this.subscriptions.subscribe(team.owner().id(), "owner", team.id(), plan.id().toString(), "1");
		Invoice invoice = this.invoices.ofTeam(team.id()).get(0);
		User adminUser = this.fixtures.platformAdmin();
		PortalHttp admin = this.users.signedIn(this.port, adminUser);
		String page = "/admin/invoices/" + invoice.id();
		admin.submit(page, page + "/void", Map.of());

		HttpResponse<String> payment = admin.submit(page, page + "/payments", Map.of("amount", "1000", "reference", "BANK-1"));

		assertThat(payment.statusCode()).isEqualTo(200);
		assertThat(payment.body()).contains("Invoice " + invoice.numberDisplay() + " is void: no payment can be recorded against it.")
			.contains("value=\"BANK-1\"");
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_payments where invoice_id = ?", Long.class,
				invoice.id())).isZero();
		assertThat(this.invoices.invoice(invoice.id()).status()).isEqualTo("VOID");
	}

	@Test
	void aCreditNoteForAVoidedInvoiceIsRefused() {
		// given an invoice voided without being paid: the team owes nothing on it
		Plan plan = this.fixtures.plan(this.product, "voidcredit", "EUR", 1000, BillingInterval.MONTH, 1, 0, 0);
		BillingFixtures.Team team = this.fixtures.team("Void Credit");
		this.subscriptions.subscribe(team.owner().id(), "owner", team.id(), plan.id().toString(), "1");
		Invoice invoice = this.invoices.ofTeam(team.id()).get(0);
		PortalHttp admin = this.users.signedIn(this.port, this.fixtures.platformAdmin());
		String page = "/admin/invoices/" + invoice.id();
		admin.submit(page, page + "/void", Map.of());

		// when a credit note is asked for against it
		HttpResponse<String> credit = admin.submit(page, page + "/credit-notes", Map.of("amount", "1000", "reason", "refund"));

		// then it is refused: crediting it would give back money the team never paid
		assertThat(credit.statusCode()).isEqualTo(200);
		assertThat(credit.body()).contains("Invoice " + invoice.numberDisplay() + " is void: there is nothing to credit.")
			.contains("value=\"1000\"");
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_invoices where credited_invoice_id = ?",
				Long.class, invoice.id())).isZero();
	}

	@Test
	void aWrongAmountOrNoReferenceIsRefusedForAManualPayment() {
		Plan plan = this.fixtures.plan(this.product, "manual", "BHD", 12345, BillingInterval.MONTH, 1, 0, 0);
		BillingFixtures.Team team = this.fixtures.team("Manual");
		this.subscriptions.subscribe(team.owner().id(), "owner", team.id(), plan.id().toString(), "1");
		Invoice invoice = this.invoices.ofTeam(team.id()).get(0);
		PortalHttp admin = this.users.signedIn(this.port, this.fixtures.platformAdmin());
		String page = "/admin/invoices/" + invoice.id();

		HttpResponse<String> tooLittle = admin.submit(page, page + "/payments", Map.of("amount", "12000", "reference", "X"));
		HttpResponse<String> negative = admin.submit(page, page + "/payments", Map.of("amount", "-12345", "reference", "X"));

		assertThat(tooLittle.body()).contains("has 12.345 BHD to pay, not 12.000 BHD.");
		assertThat(negative.body()).contains("Enter the amount received as a whole number of minor units");
		assertThat(this.invoices.invoice(invoice.id()).status()).isEqualTo("OPEN");
	}

	@Test
	void billingPagesNeedTheTeamsBillingPrivileges() {
		BillingFixtures.Team team = this.fixtures.team("Privileges");
		User member = this.users.create("Plain Member");
		User stranger = this.users.create("Stranger");
		this.users.team("Other " + UUID.randomUUID(), stranger);
		UUID memberRole = this.users.roleId(team.id(), "Member");
		this.jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)", team.id(), member.id());
		this.jdbc.update("insert into aventian.tbl_user_roles (team_id, user_id, role_id) values (?, ?, ?)", team.id(),
				member.id(), memberRole);
		String page = "/teams/" + team.id() + "/billing";

		assertThat(this.users.signedIn(this.port, member).get(page).statusCode()).isEqualTo(403);
		assertThat(this.users.signedIn(this.port, stranger).get(page).statusCode()).isEqualTo(404);
		PortalHttp owner = this.users.signedIn(this.port, team.owner());
		assertThat(owner.get(page).statusCode()).isEqualTo(200);
		// a state change without the page's CSRF token is refused
		assertThat(owner.postForm(page + "/details", Map.of("billingEmail", "x@example.com", "timeZone", "UTC")).statusCode())
			.isEqualTo(403);
	}

	private Map<String, String> plan(String code, String currency, String price, String seatPrice) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("productId", this.product.toString());
		fields.put("code", code);
		fields.put("name", "Plan " + code);
		fields.put("currency", currency);
		fields.put("price", price);
		fields.put("interval", "MONTH");
		fields.put("includedSeats", "1");
		fields.put("extraSeatPrice", seatPrice);
		fields.put("trialDays", "0");
		return fields;
	}

}
