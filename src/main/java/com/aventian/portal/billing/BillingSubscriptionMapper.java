package com.aventian.portal.billing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface BillingSubscriptionMapper {

	List<SubscriptionView> findSubscriptionsOfTeam(UUID teamId);

	/** The team's subscription, locked for the rest of the transaction: changes to one run one at a time. */
	Optional<Subscription> findSubscriptionForUpdate(@Param("teamId") UUID teamId, @Param("assocId") UUID assocId);

	Optional<Subscription> findSubscriptionByAssocForUpdate(UUID assocId);

	void updateAssocPlan(@Param("id") UUID id, @Param("planCode") String planCode, @Param("seats") int seats);

	boolean existsBilling(UUID assocId);

	void insertBilling(Subscription subscription);

	/** Writes every changeable column if the version is still the one read; returns rows changed. */
	int updateBilling(Subscription subscription);

	/** Subscriptions whose period ended by {@code now}, neither cancelled nor suspended (unless set to end). */
	List<UUID> findDueSubscriptions(Instant now);

	/** BillingSubscriptions in good standing with an open invoice issued at or before {@code issuedBy}. */
	List<UUID> findOverdueSubscriptions(@Param("issuedBy") Instant issuedBy, @Param("statuses") List<String> statuses);

	boolean existsOpenInvoiceIssuedBy(@Param("assocId") UUID assocId, @Param("issuedBy") Instant issuedBy);

	int countMembers(UUID teamId);

	/** Locks the team's row: a seat count checked against its members holds while members join one at a time. */
	UUID lockTeam(UUID teamId);

	/** The live (not cancelled) subscription of the team paying for the fewest seats, counting a reduction due. */
	Optional<PaidSeat> findFewestPaidSeats(UUID teamId);

	Optional<TeamBilling> findTeamBilling(UUID teamId);

	void upsertTeamBilling(TeamBilling billing);

	/** Whom billing mail goes to: the billing e-mail, else the members who manage billing. */
	List<String> findBillingRecipients(UUID teamId);

	Optional<String> findTeamName(UUID teamId);

	Optional<BillingStatus> findStatus(@Param("teamId") UUID teamId, @Param("productId") UUID productId);

	record PaidSeat(String productName, int seats) {
	}

}
