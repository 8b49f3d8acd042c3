package com.aventian.portal.billing;

/** A line of an invoice: plan, extra seats, a proration charge or credit, or a credit note's credit. */
public record InvoiceLine(int position, String kind, String description, int quantity, long amountMinor, String currency) {

	public String amountDisplay() {
		return new Money(this.amountMinor, this.currency).display();
	}

}
