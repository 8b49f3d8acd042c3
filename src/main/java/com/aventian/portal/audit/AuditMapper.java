package com.aventian.portal.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface AuditMapper {

	void insertAuditEvent(AuditEvent event);

	void insertLoginActivity(LoginActivity activity);

	List<AuditEvent> findAuditEventsByTarget(@Param("targetType") String targetType, @Param("targetId") String targetId);

	List<LoginActivity> findLoginActivityByEmail(@Param("email") String email, @Param("limit") int limit);

	int ensureDailyPartitions(@Param("parent") String parent, @Param("fromDay") LocalDate fromDay,
			@Param("days") int days);

	int dropDailyPartitionsBefore(@Param("parent") String parent, @Param("cutoff") LocalDate cutoff);

	int deleteDefaultAuditEventsBefore(Instant cutoff);

	int deleteDefaultLoginActivityBefore(Instant cutoff);

}
