package com.aventian.portal.billing;

import java.time.Instant;
import java.util.UUID;

/** An issued invoice or credit note; its amounts and lines never change, only an invoice's payment status. */
public record Invoice(UUID id, long number, String kind, String reason, UUID teamId, UUID assocId,
		UUID creditedInvoiceId, Long creditedNumber, String currency, long totalMinor, String status,
		Instant periodStart, Instant periodEnd, String billTo, Instant issuedAt, Instant dueAt, Instant paidAt,
		Instant voidedAt, String productName, long creditedMinor) {

	public String numberDisplay() {
		return Invoices.display(this.number);
	}

	public String totalDisplay() {
		return new Money(this.totalMinor, this.currency).display();
	}

	Money total() {
		return new Money(this.totalMinor, this.currency);
	}

	public boolean isCreditNote() {
		return "CREDIT_NOTE".equals(this.kind);
	}

	public boolean isOpen() {
		return "OPEN".equals(this.status);
	}

}
