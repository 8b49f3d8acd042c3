package com.aventian.portal.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface UserMapper {

	Optional<User> findUserById(UUID id);

	/**
	 * The user, its row locked until the transaction ends. Changes that touch the user and its links lock
	 * the user first, so two of them (two verification links, a reset and a password change) queue up
	 * instead of deadlocking on each other's link rows.
	 */
	Optional<User> findUserByIdForUpdate(UUID id);

	/** The account of an address in its normal form ({@link EmailAddress#normalize}). */
	Optional<User> findUserByEmail(String normalizedEmail);

	Optional<User> findUserByIdentity(@Param("issuer") String issuer, @Param("subject") String subject);

	void insertUser(User user);

	void insertIdentity(Identity identity);

	List<Identity> findIdentities(UUID userId);

	int deleteIdentity(@Param("userId") UUID userId, @Param("id") UUID id);

	int updateDisplayName(@Param("id") UUID id, @Param("displayName") String displayName,
			@Param("updatedAt") Instant updatedAt);

	int updateEmail(@Param("id") UUID id, @Param("email") String email, @Param("updatedAt") Instant updatedAt);

	int updatePlatformAdmin(@Param("id") UUID id, @Param("platformAdmin") boolean platformAdmin,
			@Param("updatedAt") Instant updatedAt);

	int updateEmailVerified(@Param("id") UUID id, @Param("verifiedAt") Instant verifiedAt,
			@Param("updatedAt") Instant updatedAt);

	int updateStatus(@Param("id") UUID id, @Param("status") String status, @Param("updatedAt") Instant updatedAt);

	int updatePasswordHash(@Param("id") UUID id, @Param("passwordHash") String passwordHash,
			@Param("updatedAt") Instant updatedAt);

}
