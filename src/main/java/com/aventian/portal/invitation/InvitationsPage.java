package com.aventian.portal.invitation;

import java.util.List;

/** One page of a team's invitations. */
public record InvitationsPage(List<InvitationListing> invitations, int page, long total) {

	static final int SIZE = 20;

	public long pages() {
		return Math.max(1, (this.total + SIZE - 1) / SIZE);
	}

	public boolean hasPrevious() {
		return this.page > 1;
	}

	public boolean hasNext() {
		return this.page < pages();
	}

	/** The page asked for, kept between the first and the last. */
	static int clamp(int page, long total) {
		long last = Math.max(1, (total + SIZE - 1) / SIZE);
		return (int) Math.min(Math.max(1, page), last);
	}

}
