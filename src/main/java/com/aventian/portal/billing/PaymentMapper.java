package com.aventian.portal.billing;

import java.time.Instant;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface PaymentMapper {

	boolean existsPayment(@Param("provider") String provider, @Param("reference") String reference);

	void insertPayment(@Param("id") UUID id, @Param("invoiceId") UUID invoiceId, @Param("provider") String provider,
			@Param("reference") String reference, @Param("amountMinor") long amountMinor,
			@Param("currency") String currency, @Param("recordedBy") UUID recordedBy,
			@Param("recordedAt") Instant recordedAt);

	/** Claims a provider event for this transaction; 0 when it was applied before (or is being applied now). */
	int insertPaymentEvent(@Param("provider") String provider, @Param("eventId") String eventId,
			@Param("eventType") String eventType, @Param("created") Instant created,
			@Param("receivedAt") Instant receivedAt);

}
