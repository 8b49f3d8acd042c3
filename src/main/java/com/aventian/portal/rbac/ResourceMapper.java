package com.aventian.portal.rbac;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface ResourceMapper {

	List<TeamResource> findResourcesOfTeam(UUID teamId);

	Optional<TeamResource> findResource(@Param("teamId") UUID teamId, @Param("id") UUID id);

	List<ResourceKind> findRegistrableKinds(UUID teamId);

	Boolean lockTeam(UUID teamId);

	boolean existsResource(@Param("teamId") UUID teamId, @Param("productId") UUID productId,
			@Param("resourceType") String resourceType, @Param("externalId") String externalId);

	void insertResource(@Param("id") UUID id, @Param("teamId") UUID teamId, @Param("productId") UUID productId,
			@Param("resourceType") String resourceType, @Param("externalId") String externalId,
			@Param("displayName") String displayName);

	int updateResourceName(@Param("teamId") UUID teamId, @Param("id") UUID id, @Param("displayName") String displayName);

	List<UUID> findGrantHolders(@Param("teamId") UUID teamId, @Param("resourceId") UUID resourceId);

	/** Every privilege the grants narrowed to the resource give, invisible roles' included. */
	List<String> findPrivilegesGrantedOn(@Param("teamId") UUID teamId, @Param("resourceId") UUID resourceId);

	int deleteResource(@Param("teamId") UUID teamId, @Param("id") UUID id);

}
