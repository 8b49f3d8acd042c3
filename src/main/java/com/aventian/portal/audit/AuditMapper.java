package com.aventian.portal.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.cursor.Cursor;

@Mapper
interface AuditMapper {

	void insertAuditEvent(AuditEvent event);

	void insertLoginActivity(LoginActivity activity);

	/** Whether a registered product's code, as the API writes it, begins the action. */
	boolean existsProductOfAction(@Param("action") String action);

	List<AuditEvent> findAuditEventsByTarget(@Param("targetType") String targetType, @Param("targetId") String targetId);

	List<LoginActivity> findLoginActivityByEmail(@Param("email") String email, @Param("limit") int limit);

	List<LoginActivity> findSignInsByEmail(@Param("email") String email, @Param("limit") int limit);

	/** A keyset page of events, newest first (limit + 1 rows tell whether an older page exists). */
	List<AuditEvent> findAuditEvents(AuditQuery query);

	/** Every event of the query, newest first, fetched a few hundred rows at a time (inside a transaction). */
	Cursor<AuditEvent> streamAuditEvents(AuditQuery query);

	Optional<AuditEvent> findAuditEvent(@Param("scopeTeamId") UUID scopeTeamId, @Param("id") long id);

	List<LoginActivity> findLoginActivity(AuditQuery query);

	int ensureDailyPartitions(@Param("parent") String parent, @Param("fromDay") LocalDate fromDay,
			@Param("days") int days);

	int dropDailyPartitionsBefore(@Param("parent") String parent, @Param("cutoff") LocalDate cutoff);

	int purgeDefaultPartitionBefore(@Param("parent") String parent, @Param("cutoff") Instant cutoff);

}
