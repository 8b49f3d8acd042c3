package com.aventian.portal.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What an invoice will say, before it gets its number; lines in the order they are added. */
final class InvoiceDraft {

	final String kind;

	final String reason;

	final UUID teamId;

	final UUID assocId;

	final UUID creditedInvoiceId;

	final String currency;

	final Instant periodStart;

	final Instant periodEnd;

	final List<InvoiceLine> lines = new ArrayList<>();

	private InvoiceDraft(String kind, String reason, UUID teamId, UUID assocId, UUID creditedInvoiceId, String currency,
			Instant periodStart, Instant periodEnd) {
		this.kind = kind;
		this.reason = reason;
		this.teamId = teamId;
		this.assocId = assocId;
		this.creditedInvoiceId = creditedInvoiceId;
		this.currency = currency;
		this.periodStart = periodStart;
		this.periodEnd = periodEnd;
	}

	static InvoiceDraft invoice(String reason, UUID teamId, UUID assocId, String currency, Instant periodStart,
			Instant periodEnd) {
		return new InvoiceDraft("INVOICE", reason, teamId, assocId, null, currency, periodStart, periodEnd);
	}

	static InvoiceDraft creditNote(Invoice credited) {
		return new InvoiceDraft("CREDIT_NOTE", "CREDIT", credited.teamId(), credited.assocId(), credited.id(),
				credited.currency(), null, null);
	}

	InvoiceDraft line(String kind, String description, int quantity, Money amount) {
		if (!amount.currency().equals(this.currency)) {
			throw new IllegalArgumentException("A line in " + amount.currency() + " on an invoice in " + this.currency);
		}
		this.lines.add(new InvoiceLine(this.lines.size() + 1, kind, description, quantity, amount.minor(), this.currency));
		return this;
	}

	Money total() {
		Money total = new Money(0, this.currency);
		for (InvoiceLine line : this.lines) {
			total = total.plus(new Money(line.amountMinor(), this.currency));
		}
		return total;
	}

}
