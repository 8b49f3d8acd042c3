package com.aventian.portal.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface EmailTokenMapper {

	void insertToken(EmailToken token);

	/** The link with this hash, if its account is active: a disabled account's links open nothing. */
	Optional<EmailToken> findTokenByHash(@Param("purpose") EmailToken.Purpose purpose, @Param("tokenHash") byte[] tokenHash);

	/** The link with this id, if its account is active. */
	Optional<EmailToken> findTokenById(UUID id);

	/** How many sign-ups of the user still wait for a verification link (distinct passwords among the open links; resends share theirs). */
	int countOpenSignUps(@Param("userId") UUID userId, @Param("now") Instant now);

	/** Marks the token used unless it already is; 0 means someone else used it first. */
	int updateTokenUsed(@Param("id") UUID id, @Param("usedAt") Instant usedAt);

	/** Ends the user's open links of a purpose, as when a new one is sent. */
	int updateOpenTokensUsed(@Param("userId") UUID userId, @Param("purpose") EmailToken.Purpose purpose,
			@Param("usedAt") Instant usedAt);

	/** Ends every open link of the user, whatever its purpose. */
	int updateAllOpenTokensUsed(@Param("userId") UUID userId, @Param("usedAt") Instant usedAt);

	int deleteTokensExpiredBefore(Instant cutoff);

}
