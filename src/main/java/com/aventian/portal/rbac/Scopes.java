package com.aventian.portal.rbac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.rbac.RoleEditorMapper.Holding;

/** Grants in words: "team-wide", "on contact 'ACME'", grouped by member. */
final class Scopes {

	private Scopes() {
	}

	static String of(Holding holding) {
		return (holding.resourceId() == null) ? "team-wide"
				: "on " + holding.resourceType() + " '" + holding.resourceName() + "'";
	}

	/** The members of the holdings, each with their scopes, in the holdings' order. */
	static List<LossPreview.MemberLoss> byMember(List<Holding> holdings) {
		Map<UUID, String> names = new LinkedHashMap<>();
		Map<UUID, List<String>> scopes = new LinkedHashMap<>();
		for (Holding holding : holdings) {
			names.put(holding.userId(), holding.displayName());
			scopes.computeIfAbsent(holding.userId(), (id) -> new ArrayList<>()).add(of(holding));
		}
		return names.entrySet()
			.stream()
			.map((member) -> new LossPreview.MemberLoss(member.getValue(), List.copyOf(scopes.get(member.getKey()))))
			.toList();
	}

	/** "Ann (team-wide), Bob (on contact 'ACME')", naming at most {@link LossPreview#NAMED} members. */
	static String describe(List<Holding> holdings) {
		List<LossPreview.MemberLoss> members = byMember(holdings);
		List<String> named = members.stream()
			.limit(LossPreview.NAMED)
			.map((member) -> member.name() + " (" + String.join(", ", member.scopes()) + ")")
			.toList();
		String text = String.join(", ", named);
		return (members.size() > named.size()) ? text + " and " + (members.size() - named.size()) + " more" : text;
	}

}
