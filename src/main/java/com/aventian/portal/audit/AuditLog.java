package com.aventian.portal.audit;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.shared.mybatis.Jsonb;
import com.aventian.portal.shared.web.ClientAddress;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes the audit trail. Audit and login-activity rows join the caller's transaction, so an action that
 * rolls back leaves no row claiming it happened, and a request never holds one pooled connection while
 * waiting for a second one (a separate transaction per row starved the pool under load). Sign-in, sign-out
 * and a failed sign-in have no business transaction: their row is written in a transaction of its own.
 */
@Service
public class AuditLog {

	static final int MAX_USER_AGENT = 300;

	private final AuditMapper mapper;

	private final JsonMapper json;

	private final Clock clock;

	AuditLog(AuditMapper mapper, JsonMapper json, Clock clock) {
		this.mapper = mapper;
		this.json = json;
		this.clock = clock;
	}

	/** Records an action; the client address is taken from the request being served, if any. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(AuditEntry entry) {
		this.mapper.insertAuditEvent(new AuditEvent(null, this.clock.instant(), entry.actorUserId(),
				entry.actorEmail(), entry.action(), entry.targetType(), entry.targetId(), entry.teamId(),
				entry.productId(), toJson(entry.details()), ClientAddress.ofCurrentRequest().orElse(null)));
	}

	/** Records a sign-in, sign-out or switch; the browser is taken from the request being served, if any. */
	@Transactional(propagation = Propagation.REQUIRED)
	public void recordLogin(String userEmail, LoginAction action, UUID teamId, InetAddress ip) {
		this.mapper.insertLoginActivity(new LoginActivity(null, userEmail, teamId, null, action, this.clock.instant(), ip,
				userAgentOfCurrentRequest()));
	}

	public List<AuditEvent> eventsAbout(String targetType, String targetId) {
		return this.mapper.findAuditEventsByTarget(targetType, targetId);
	}

	public List<LoginActivity> recentLoginActivity(String email, int limit) {
		return this.mapper.findLoginActivityByEmail(email, limit);
	}

	/** The browser's description, cut short: it is the client's to write, and only shown to its owner. */
	private static String userAgentOfCurrentRequest() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			String agent = attributes.getRequest().getHeader("User-Agent");
			return (agent == null || agent.isBlank()) ? null
					: agent.substring(0, Math.min(agent.length(), MAX_USER_AGENT)).strip();
		}
		return null;
	}

	private Jsonb toJson(Map<String, ?> details) {
		return details.isEmpty() ? Jsonb.EMPTY_OBJECT : new Jsonb(this.json.writeValueAsString(details));
	}

}
