package com.aventian.portal.team;

import java.util.Set;

/** What the team gate loads for a member, in one query: the team, and the member's privileges in it. */
public record MemberAccess(Team team, Set<String> privileges) {
}
