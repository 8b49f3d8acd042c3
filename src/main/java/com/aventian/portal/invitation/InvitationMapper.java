package com.aventian.portal.invitation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface InvitationMapper {

	/** Inserts the invitation unless one is already pending for the address in the team; 0 then. */
	int insertInvitation(Invitation invitation);

	void insertEvent(@Param("invitationId") UUID invitationId, @Param("event") String event,
			@Param("actorUserId") UUID actorUserId, @Param("at") Instant at);

	Optional<Invitation> findInvitationByTokenHash(byte[] tokenHash);

	Optional<Invitation> findInvitation(@Param("teamId") UUID teamId, @Param("id") UUID id);

	Optional<InvitationView> findView(UUID id);

	/** A page of the team's invitations: pending first, then newest first. */
	List<InvitationView> findTeamInvitations(@Param("teamId") UUID teamId, @Param("limit") int limit,
			@Param("offset") int offset);

	long countTeamInvitations(UUID teamId);

	/** The history of the invitations given (never empty), oldest event first. */
	List<InvitationEvent> findEventsOf(@Param("invitationIds") Collection<UUID> invitationIds);

	InvitationQuota.Use findMailUseOfInviter(@Param("inviterId") UUID inviterId, @Param("since") Instant since);

	InvitationQuota.Use findMailUseOfTeam(@Param("teamId") UUID teamId, @Param("since") Instant since);

	/** A transaction-scoped PostgreSQL advisory lock, so checks and writes under it run one at a time across instances. */
	int lock(String key);

	boolean existsOpenedEvent(UUID invitationId);

	List<String> findPendingEmails(@Param("teamId") UUID teamId, @Param("now") Instant now);

	List<String> findMemberEmails(UUID teamId);

	/** Moves a pending invitation on; 0 means it was no longer pending (someone else acted first). */
	int updateStatusFromPending(@Param("id") UUID id, @Param("status") String status, @Param("at") Instant at,
			@Param("acceptedBy") UUID acceptedBy);

	int updateToken(@Param("id") UUID id, @Param("tokenHash") byte[] tokenHash, @Param("expiresAt") Instant expiresAt);

	List<Invitation> findPendingOfInviter(@Param("teamId") UUID teamId, @Param("inviterId") UUID inviterId);

	List<Invitation> findPendingOfTeam(UUID teamId);

	boolean existsLiveTeam(UUID teamId);

	/** Locks the team's row until the transaction ends; empty when the team is deleted. */
	Optional<UUID> lockLiveTeam(UUID teamId);

	/** Marks pending invitations past their time as expired, returning their ids. */
	List<UUID> updateExpired(@Param("teamId") UUID teamId, @Param("now") Instant now);

}
