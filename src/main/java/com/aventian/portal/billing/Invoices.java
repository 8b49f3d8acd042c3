package com.aventian.portal.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.shared.metrics.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues invoices and credit notes. A number is taken from the platform's one counter in the issuing
 * transaction: its row lock orders concurrent issues and a rolled-back issue gives the number back, so
 * numbers are unique and have no gaps. Once issued nothing about an invoice changes (the database refuses
 * it) except an open invoice becoming paid or void; corrections are credit notes.
 */
@Service
public class Invoices {

	private final InvoiceMapper invoices;

	private final BillingSubscriptionMapper subscriptions;

	private final BillingMail mail;

	private final Dunning dunning;

	private final AuditLog audit;

	private final BillingProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	Invoices(InvoiceMapper invoices, BillingSubscriptionMapper subscriptions, BillingMail mail, Dunning dunning,
			AuditLog audit, BillingProperties properties, Clock clock, MeterRegistry meters) {
		this.invoices = invoices;
		this.subscriptions = subscriptions;
		this.mail = mail;
		this.dunning = dunning;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	static String display(long number) {
		return String.format("AVN-%06d", number);
	}

	public List<Invoice> ofTeam(UUID teamId) {
		return this.invoices.findInvoicesOfTeam(teamId);
	}

	public Invoice ofTeam(UUID teamId, UUID invoiceId) {
		return this.invoices.findInvoiceOfTeam(teamId, invoiceId).orElseThrow(BillingNotFoundException::new);
	}

	public List<InvoiceLine> lines(UUID invoiceId) {
		return this.invoices.findLines(invoiceId);
	}

	List<Invoice> all(String status) {
		return this.invoices.findInvoices(status, 200);
	}

	Invoice invoice(UUID invoiceId) {
		return this.invoices.findInvoiceById(invoiceId).orElseThrow(BillingNotFoundException::new);
	}

	/** Issues the draft in the caller's transaction; an invoice of nothing to pay is issued paid. */
	@Transactional(propagation = Propagation.MANDATORY)
	Invoice issue(InvoiceDraft draft, UUID actorId, String actorEmail) {
		Instant now = this.clock.instant();
		long total = draft.total().minor();
		String status = draft.kind.equals("CREDIT_NOTE") ? "ISSUED" : (total == 0) ? "PAID" : "OPEN";
		UUID id = UUID.randomUUID();
		long number = this.invoices.nextInvoiceNumber();
		this.invoices.insertInvoice(id, number, draft, total, status, billTo(draft.teamId), now,
				now.plus(this.properties.pastDueAfter()));
		for (InvoiceLine line : draft.lines) {
			this.invoices.insertLine(id, line);
		}
		Invoice invoice = invoice(id);
		this.audit.record(new AuditEntry(actorId, actorEmail,
				draft.kind.equals("CREDIT_NOTE") ? "CREDIT_NOTE_ISSUED" : "INVOICE_ISSUED", "invoice", id.toString(),
				draft.teamId, null, Map.of("number", invoice.numberDisplay(), "totalMinor", total, "currency",
						draft.currency, "reason", draft.reason)));
		this.mail.invoiceIssued(invoice);
		AfterCommit.count(this.meters, "aventian.invoices.issued", "kind", draft.kind, "currency", draft.currency);
		return invoice;
	}

	/** Whether the subscription's period starting then has its invoice already (a period is billed once). */
	boolean periodBilled(UUID assocId, Instant periodStart) {
		return this.invoices.existsPeriodInvoice(assocId, periodStart);
	}

	/**
	 * A credit note against an issued invoice, for at most what is left uncredited of it. An open invoice
	 * credited in full is voided with it: nothing is left to pay.
	 */
	@Transactional
	public Invoice creditNote(UUID adminId, String adminEmail, UUID invoiceId, String typedAmount, String typedReason) {
		Invoice credited = this.invoices.findInvoiceByIdForUpdate(invoiceId).orElseThrow(BillingNotFoundException::new);
		String reason = (typedReason != null) ? typedReason.strip() : "";
		Long amount = Amounts.wholeNumber(typedAmount);
		BillingInputException.Problems problems = new BillingInputException.Problems();
		if (credited.isCreditNote()) {
			problems.add("", "A credit note cannot be credited.");
		}
		else if ("VOID".equals(credited.status())) {
			// nothing of a void invoice is owed or paid: a credit note would give back money never received
			problems.add("", "Invoice " + credited.numberDisplay() + " is void: there is nothing to credit.");
		}
		if (amount == null || amount == 0) {
			problems.add("amount", "Enter the amount to credit as a whole number of minor units, more than 0.");
		}
		else if (amount > credited.totalMinor() - credited.creditedMinor()) {
			problems.add("amount", "At most " + new Money(credited.totalMinor() - credited.creditedMinor(), credited.currency()).display()
					+ " of this invoice is left to credit.");
		}
		if (reason.isEmpty() || reason.length() > 200) {
			problems.add("reason", "Say why, in at most 200 characters (it is printed on the credit note).");
		}
		problems.throwIfAny();
		InvoiceDraft draft = InvoiceDraft.creditNote(credited)
			.line("CREDIT", "Credit for invoice " + credited.numberDisplay() + ": " + reason, 1,
					new Money(-amount, credited.currency()));
		Invoice note = issue(draft, adminId, adminEmail);
		if (credited.isOpen() && amount == credited.totalMinor() - credited.creditedMinor()) {
			markVoid(credited, adminId, adminEmail);
		}
		return note;
	}

	@Transactional
	public void voidInvoice(UUID adminId, String adminEmail, UUID invoiceId) {
		Invoice invoice = this.invoices.findInvoiceByIdForUpdate(invoiceId).orElseThrow(BillingNotFoundException::new);
		if (!invoice.isOpen()) {
			throw BillingInputException.of("Invoice " + invoice.numberDisplay() + " is " + invoice.status().toLowerCase()
					+ ": only an open invoice can be voided.");
		}
		markVoid(invoice, adminId, adminEmail);
	}

	private void markVoid(Invoice invoice, UUID adminId, String adminEmail) {
		this.invoices.updateInvoiceVoided(invoice.id(), this.clock.instant());
		this.audit.record(new AuditEntry(adminId, adminEmail, "INVOICE_VOIDED", "invoice", invoice.id().toString(),
				invoice.teamId(), null, Map.of("number", invoice.numberDisplay())));
		// a void invoice is no longer owed: a subscription held past due or suspended by it is restored
		this.dunning.settle(invoice.assocId(), adminId, adminEmail);
	}

	private String billTo(UUID teamId) {
		String team = this.subscriptions.findTeamName(teamId).orElse("");
		return this.subscriptions.findTeamBilling(teamId)
			.map((billing) -> (team + "\n" + billing.address()).strip())
			.orElse(team);
	}

}
