package com.aventian.portal.billing;

import java.util.UUID;

import com.aventian.portal.mail.OutgoingMail;
import com.aventian.portal.mail.Postman;
import com.aventian.portal.shared.web.PublicUrl;

import org.springframework.stereotype.Component;

/** Billing mail (invoice issued, payment failed, suspension), handed to the mail jobs in the caller's transaction. */
@Component
class BillingMail {

	private final Postman postman;

	private final BillingSubscriptionMapper subscriptions;

	private final PublicUrl urls;

	BillingMail(Postman postman, BillingSubscriptionMapper subscriptions, PublicUrl urls) {
		this.postman = postman;
		this.subscriptions = subscriptions;
		this.urls = urls;
	}

	void invoiceIssued(Invoice invoice) {
		String what = invoice.isCreditNote() ? "Credit note " : "Invoice ";
		send(invoice.teamId(), what + invoice.numberDisplay() + " for " + team(invoice.teamId()),
				what + invoice.numberDisplay() + " of " + invoice.totalDisplay() + " was issued to "
						+ team(invoice.teamId()) + (invoice.isOpen() ? ", due " + invoice.dueAt() + "." : ".")
						+ "\n\nSee it at " + invoiceLink(invoice) + "\n");
	}

	void paymentFailed(Invoice invoice) {
		send(invoice.teamId(), "Payment needed for invoice " + invoice.numberDisplay(),
				"Invoice " + invoice.numberDisplay() + " of " + invoice.totalDisplay() + " for " + team(invoice.teamId())
						+ " is not paid. Unless it is paid, the subscription will be suspended.\n\nPay it at "
						+ invoiceLink(invoice) + "\n");
	}

	void suspended(UUID teamId, String productName) {
		send(teamId, productName + " is suspended for " + team(teamId),
				"The subscription of " + team(teamId) + " to " + productName + " is suspended because an invoice is unpaid. "
						+ "Paying the open invoices restores it.\n\nBilling: " + this.urls.of("/teams/" + teamId + "/billing") + "\n");
	}

	private void send(UUID teamId, String subject, String body) {
		for (String to : this.subscriptions.findBillingRecipients(teamId)) {
			this.postman.send(new OutgoingMail(to, subject, body));
		}
	}

	private String team(UUID teamId) {
		return this.subscriptions.findTeamName(teamId).orElse("your team");
	}

	private String invoiceLink(Invoice invoice) {
		return this.urls.of("/teams/" + invoice.teamId() + "/billing/invoices/" + invoice.id());
	}

}
