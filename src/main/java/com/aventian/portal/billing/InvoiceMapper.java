package com.aventian.portal.billing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface InvoiceMapper {

	/** The next number of the platform's one sequence, under the counter's row lock until commit. */
	long nextInvoiceNumber();

	/** Inserts the invoice unless its subscription's period is already billed; returns rows inserted. */
	int insertInvoice(@Param("id") UUID id, @Param("number") long number, @Param("draft") InvoiceDraft draft,
			@Param("total") long total, @Param("status") String status, @Param("billTo") String billTo,
			@Param("issuedAt") Instant issuedAt, @Param("dueAt") Instant dueAt);

	void insertLine(@Param("invoiceId") UUID invoiceId, @Param("line") InvoiceLine line);

	boolean existsPeriodInvoice(@Param("assocId") UUID assocId, @Param("periodStart") Instant periodStart);

	List<Invoice> findInvoicesOfTeam(UUID teamId);

	Optional<Invoice> findInvoiceOfTeam(@Param("teamId") UUID teamId, @Param("id") UUID id);

	Optional<Invoice> findInvoiceById(UUID id);

	Optional<Invoice> findInvoiceByIdForUpdate(UUID id);

	List<Invoice> findInvoices(@Param("status") String status, @Param("limit") int limit);

	List<InvoiceLine> findLines(UUID invoiceId);

	List<Invoice> findOpenInvoicesOfSubscription(UUID assocId);

	int updateInvoicePaid(@Param("id") UUID id, @Param("paidAt") Instant paidAt);

	int updateInvoiceVoided(@Param("id") UUID id, @Param("voidedAt") Instant voidedAt);

}
