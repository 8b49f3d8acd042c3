package com.aventian.portal.team;

import java.util.UUID;

/** Ids in team paths: anything that is not a UUID names no team (404), never a 400 or 500. */
final class TeamIds {

	private TeamIds() {
	}

	static UUID parse(String value) {
		try {
			UUID id = UUID.fromString(value);
			if (!id.toString().equalsIgnoreCase(value)) {
				throw new TeamNotFoundException();
			}
			return id;
		}
		catch (IllegalArgumentException ex) {
			throw new TeamNotFoundException();
		}
	}

}
