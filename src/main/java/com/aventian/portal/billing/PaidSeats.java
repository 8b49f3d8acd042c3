package com.aventian.portal.billing;

import java.util.Optional;
import java.util.UUID;

import com.aventian.portal.team.MemberLimit;

import org.springframework.stereotype.Component;

/**
 * Every member of a team uses its products, so a team never has more members than the fewest seats any of
 * its live subscriptions pays for (a seat reduction waiting for the period's end already counts).
 */
@Component
class PaidSeats implements MemberLimit {

	private final BillingSubscriptionMapper subscriptions;

	PaidSeats(BillingSubscriptionMapper subscriptions) {
		this.subscriptions = subscriptions;
	}

	@Override
	public Optional<String> refusal(UUID teamId, int joining) {
		Optional<BillingSubscriptionMapper.PaidSeat> fewest = this.subscriptions.findFewestPaidSeats(teamId);
		if (fewest.isEmpty()) {
			return Optional.empty();
		}
		int members = this.subscriptions.countMembers(teamId);
		BillingSubscriptionMapper.PaidSeat seats = fewest.get();
		if (members + joining <= seats.seats()) {
			return Optional.empty();
		}
		int free = Math.max(0, seats.seats() - members);
		return Optional.of("The team pays for " + seats.seats() + " seats of " + seats.productName() + " and has " + members
				+ ((members == 1) ? " member: " : " members: ")
				+ ((free == 0) ? "no seat is free." : "only " + free + " more can join.")
				+ " Add seats on the billing page first.");
	}

}
