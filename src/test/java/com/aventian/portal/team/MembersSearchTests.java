package com.aventian.portal.team;

import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.ProfileService;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The members search against the keys kept on the memberships (V29's sort_name, V30's search_email): it looks in
 * the caller's team only, takes LIKE's wildcards as the characters typed, and folds the typed text as the database
 * folded the kept keys (review17).
 */
@PortalTest
class MembersSearchTests {

	@Autowired
	TestUsers users;

	@Autowired
	ProfileService profiles;

	@Autowired
	MembershipService memberships;

	@Test
	void aMemberIsFoundByTheirNameTypedAsTheyWriteItWhateverItsLetters() {
		// given members whose names lower-case differently letter by letter (the database's lower(), which kept the
		// sort keys) and as a whole word (Java's): a word-final capital sigma, a dotted capital I
		User owner = this.users.create("Mia Owner");
		User greek = this.users.create("Greek Member");
		User turkish = this.users.create("Turkish Member");
		UUID team = this.users.team("Letters " + UUID.randomUUID(), owner, greek, "Member", turkish, "Member");
		this.profiles.rename(greek.id(), "ΟΔΥΣΣΕΥΣ Papadopoulos");
		this.profiles.rename(turkish.id(), "İlker Yılmaz");

		// when each is searched for by their name as written, then upper-cased
		// then each is found
		assertThat(this.memberships.members(team, "ΟΔΥΣΣΕΥΣ", 1).members()).extracting(MemberRow::displayName)
			.containsExactly("ΟΔΥΣΣΕΥΣ Papadopoulos");
		assertThat(this.memberships.members(team, "ΟΔΥΣΣΕΥΣ PAPADOPOULOS", 1).members()).extracting(MemberRow::displayName)
			.containsExactly("ΟΔΥΣΣΕΥΣ Papadopoulos");
		assertThat(this.memberships.members(team, "İlker", 1).members()).extracting(MemberRow::displayName)
			.containsExactly("İlker Yılmaz");
		assertThat(this.memberships.members(team, "MIA OWNER", 1).members()).extracting(MemberRow::displayName)
			.containsExactly("Mia Owner");
	}

	@Test
	void aSearchNeverFindsAMemberOfAnotherTeam() {
		// given Otto, a member of another team only, named and addressed uniquely
		String mark = "q" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		User owner = this.users.create("Mia Owner");
		User otto = this.users.create("Otto " + mark);
		UUID mine = this.users.team("Mine " + UUID.randomUUID(), owner);
		UUID theirs = this.users.team("Theirs " + UUID.randomUUID(), owner, otto, "Member");

		// when the first team is searched for his name, his e-mail, and a pattern matching any e-mail
		// then nothing of his comes back, though the other team's search finds him
		assertThat(this.memberships.members(mine, mark, 1).members()).isEmpty();
		assertThat(this.memberships.members(mine, otto.email(), 1).members()).isEmpty();
		assertThat(this.memberships.members(mine, "@", 1).members()).extracting(MemberRow::displayName)
			.containsExactly("Mia Owner");
		assertThat(this.memberships.members(mine, mark, 1).total()).isZero();
		assertThat(this.memberships.members(theirs, mark, 1).members()).extracting(MemberRow::displayName)
			.containsExactly("Otto " + mark);
	}

	@Test
	void likesWildcardsAndItsEscapeAreSearchedAsTheCharactersTyped() {
		// given members whose names hold an underscore, a backslash and a percent sign, and look-alikes without them
		User owner = this.users.create("Mia Owner");
		User under = this.users.create("Under Member");
		User plain = this.users.create("Plain Member");
		User back = this.users.create("Back Member");
		User percent = this.users.create("Percent Member");
		UUID team = this.users.team("Wild " + UUID.randomUUID(), owner, under, "Member", plain, "Member", back, "Member",
				percent, "Member");
		this.profiles.rename(under.id(), "Ann_Lee");
		this.profiles.rename(plain.id(), "AnnxLee");
		this.profiles.rename(back.id(), "Bo\\Ray");
		this.profiles.rename(percent.id(), "Cy 100% Sure");

		// when searched with each character
		// then only the member whose name holds it is found, and no character matches everything
		assertThat(this.memberships.members(team, "ann_", 1).members()).extracting(MemberRow::displayName)
			.containsExactly("Ann_Lee");
		assertThat(this.memberships.members(team, "_", 1).members()).extracting(MemberRow::displayName)
			.containsExactly("Ann_Lee");
		assertThat(this.memberships.members(team, "o\\r", 1).members()).extracting(MemberRow::displayName)
			.containsExactly("Bo\\Ray");
		assertThat(this.memberships.members(team, "\\", 1).members()).extracting(MemberRow::displayName)
			.containsExactly("Bo\\Ray");
		assertThat(this.memberships.members(team, "0%", 1).members()).extracting(MemberRow::displayName)
			.containsExactly("Cy 100% Sure");
		assertThat(this.memberships.members(team, "%", 1).members()).extracting(MemberRow::displayName)
			.containsExactly("Cy 100% Sure");
	}

}
