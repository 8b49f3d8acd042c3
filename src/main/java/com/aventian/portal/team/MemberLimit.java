package com.aventian.portal.team;

import java.util.Optional;
import java.util.UUID;

/**
 * A limit on how many members a team may have, set outside the team module (billing's paid seats: a team
 * never has more members using a product than it pays seats for). Asked while the team's row is locked,
 * so the answer holds until the join commits.
 */
public interface MemberLimit {

	/** Why {@code joining} more members may not join the team now, in words for the person; empty if they may. */
	Optional<String> refusal(UUID teamId, int joining);

}
