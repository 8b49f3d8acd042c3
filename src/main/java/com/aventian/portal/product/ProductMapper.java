package com.aventian.portal.product;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface ProductMapper {

	List<Product> findProducts();

	Optional<Product> findProductById(UUID id);

	Optional<Product> findProductByIdForUpdate(UUID id);

	boolean existsProductCode(String code);

	void insertProduct(@Param("id") UUID id, @Param("code") String code, @Param("name") String name,
			@Param("description") String description, @Param("scriptPath") String scriptPath,
			@Param("dashboardUrl") String dashboardUrl);

	int updateProduct(@Param("id") UUID id, @Param("name") String name, @Param("description") String description,
			@Param("scriptPath") String scriptPath, @Param("dashboardUrl") String dashboardUrl, @Param("version") int version);

	int updateResourceTypes(@Param("id") UUID id, @Param("resourceTypes") String resourceTypes, @Param("version") int version);

	int updateStatus(@Param("id") UUID id, @Param("status") String status, @Param("version") int version);

	void deleteProduct(UUID id);

	long countResourcesOfProduct(@Param("productId") UUID productId, @Param("resourceType") String resourceType);

	long countPrivilegesOfType(@Param("productId") UUID productId, @Param("resourceType") String resourceType);

	long countTeamRolesOfProduct(UUID productId);

	List<ProductPrivilege> findPrivileges(@Param("productId") UUID productId);

	Optional<ProductPrivilege> findPrivilege(@Param("productId") UUID productId, @Param("id") UUID id);

	/** Waits for transactions putting the privilege into a role or template (their key-share locks) to end. */
	Optional<UUID> lockPrivilege(@Param("productId") UUID productId, @Param("id") UUID id);

	boolean existsPrivilegeCode(String code);

	void insertPrivilege(@Param("id") UUID id, @Param("productId") UUID productId, @Param("code") String code,
			@Param("description") String description, @Param("resourceType") String resourceType);

	void updatePrivilegeDescription(@Param("id") UUID id, @Param("description") String description);

	void deletePrivilege(UUID id);

	/** Gives the privilege to the owners' role of every team that has the product; the teams it went to. */
	List<UUID> grantToOwnerRoles(@Param("productId") UUID productId, @Param("privilegeId") UUID privilegeId);

	List<UUID> findTeamsWhoseOwnerRoleHolds(UUID privilegeId);

	boolean existsTeam(UUID teamId);

	boolean insertTeamProduct(@Param("teamId") UUID teamId, @Param("productId") UUID productId);

}
