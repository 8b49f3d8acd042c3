package com.aventian.portal.billing;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a payment against an invoice, by whichever provider: exactly what is left to pay (the total
 * less credit notes), in the invoice's currency, once per invoice and once per provider reference. A paid
 * invoice that was overdue restores its subscription.
 */
@Service
public class Payments {

	private final InvoiceMapper invoices;

	private final PaymentMapper payments;

	private final Dunning dunning;

	private final AuditLog audit;

	private final Clock clock;

	Payments(InvoiceMapper invoices, PaymentMapper payments, Dunning dunning, AuditLog audit, Clock clock) {
		this.invoices = invoices;
		this.payments = payments;
		this.dunning = dunning;
		this.audit = audit;
		this.clock = clock;
	}

	/** A platform admin records a transfer; the amount is typed in minor units. */
	@Transactional
	public void recordManual(UUID adminId, String adminEmail, UUID invoiceId, String typedAmount, String typedReference) {
		String reference = (typedReference != null) ? typedReference.strip() : "";
		Long amount = Amounts.wholeNumber(typedAmount);
		BillingInputException.Problems problems = new BillingInputException.Problems();
		if (amount == null || amount == 0) {
			problems.add("amount", "Enter the amount received as a whole number of minor units (e.g. 1250 for 12.50 EUR).");
		}
		if (reference.isEmpty() || reference.length() > 200) {
			problems.add("reference", "Enter the bank's reference of the transfer (at most 200 characters).");
		}
		problems.throwIfAny();
		record(invoiceId, "MANUAL", "manual:" + invoiceId + ":" + reference, amount, null, adminId, adminEmail);
	}

	/**
	 * Records the payment; a payment with the same provider reference again is a no-op (reports arrive
	 * more than once). Returns whether this call recorded it. A refusal comes before any write, so it leaves
	 * the caller's transaction usable: Stripe's webhook records in it why the money was not applied (marked
	 * rollback-only, that delivery failed with a 500 and every retry of Stripe's with it).
	 */
	@Transactional(propagation = Propagation.REQUIRED, noRollbackFor = BillingInputException.class)
	boolean record(UUID invoiceId, String provider, String reference, long amountMinor, String currency, UUID actorId,
			String actorEmail) {
		Invoice invoice = this.invoices.findInvoiceByIdForUpdate(invoiceId).orElseThrow(BillingNotFoundException::new);
		if (this.payments.existsPayment(provider, reference)) {
			return false;
		}
		if (invoice.isCreditNote()) {
			throw BillingInputException.of(invoice.numberDisplay() + " is a credit note: nothing to pay.");
		}
		if ("VOID".equals(invoice.status())) {
			throw BillingInputException.of("Invoice " + invoice.numberDisplay() + " is void: no payment can be recorded against it.");
		}
		if ("PAID".equals(invoice.status())) {
			throw BillingInputException.of("Invoice " + invoice.numberDisplay() + " is already paid.");
		}
		long due = invoice.totalMinor() - invoice.creditedMinor();
		if (currency != null && !currency.equalsIgnoreCase(invoice.currency())) {
			throw BillingInputException.of("Invoice " + invoice.numberDisplay() + " is in " + invoice.currency() + ", not "
					+ currency.toUpperCase() + ".");
		}
		if (amountMinor != due) {
			throw new BillingInputException(Map.of("amount", "Invoice " + invoice.numberDisplay() + " has "
					+ new Money(due, invoice.currency()).display() + " to pay, not " + new Money(amountMinor, invoice.currency()).display() + "."));
		}
		this.payments.insertPayment(UUID.randomUUID(), invoiceId, provider, reference, amountMinor, invoice.currency(),
				actorId, this.clock.instant());
		this.invoices.updateInvoicePaid(invoiceId, this.clock.instant());
		this.audit.record(new AuditEntry(actorId, actorEmail, "INVOICE_PAID", "invoice", invoiceId.toString(),
				invoice.teamId(), null, Map.of("number", invoice.numberDisplay(), "provider", provider, "amountMinor",
						amountMinor, "currency", invoice.currency())));
		this.dunning.settle(invoice.assocId(), actorId, actorEmail);
		return true;
	}

}
