package com.aventian.portal.rbac;

import java.util.List;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;

@Mapper
interface RoleCacheMapper {

	/** Every member of the team, deleted or not: whose cached privileges a change of the team invalidates. */
	List<UUID> findMemberIds(UUID teamId);

}
