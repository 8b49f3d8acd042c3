package com.aventian.portal.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import com.aventian.portal.api.ApiViews.PrivilegeView;
import com.aventian.portal.api.ApiViews.ResourceView;
import com.aventian.portal.api.ApiViews.RoleView;
import com.aventian.portal.api.ApiViews.UserDetails;

/**
 * The strong ETag of a GetUserDetails answer, from the answer's values rather than its bytes: the same
 * values are always written as the same JSON, so it changes exactly when the body would, and a 304 needs
 * no JSON and a 200 no hash of the body (the filter that hashed the bytes cost a copy and an MD5 of every
 * answer). Every value goes in with its length (a list with its size, null marked), so no two different
 * answers feed the same bytes to the hash. {@link #FORMAT} changes with the answer's JSON shape, so an
 * ETag from before a release that changes the shape never matches after it.
 */
final class DetailsEtag {

	/** The answer's shape: a new field, a new order, a new rendering of a value means a new format. */
	private static final byte FORMAT = 1;

	private final MessageDigest md5;

	private DetailsEtag() {
		try {
			this.md5 = MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has MD5", ex);
		}
		this.md5.update(FORMAT);
	}

	/** The quoted strong ETag of the answer. */
	static String of(UserDetails details) {
		DetailsEtag etag = new DetailsEtag();
		etag.id(details.user().id()).text(details.user().email()).text(details.user().name()).text(details.user().status());
		etag.id(details.team().id()).text(details.team().name());
		etag.text(details.subscription().product())
			.text(details.subscription().status())
			.text(details.subscription().billingStatus());
		etag.size(details.roles());
		for (RoleView role : details.roles()) {
			etag.id(role.id()).text(role.name()).flag(role.system()).flag(role.visible()).resource(role.resource());
		}
		etag.size(details.privileges());
		for (PrivilegeView privilege : details.privileges()) {
			etag.text(privilege.code()).flag(privilege.teamWide()).size(privilege.resources());
			privilege.resources().forEach(etag::resource);
		}
		return "\"" + HexFormat.of().formatHex(etag.md5.digest()) + "\"";
	}

	private DetailsEtag resource(ResourceView resource) {
		if (resource == null) {
			return flag(false);
		}
		return flag(true).id(resource.id()).text(resource.type()).text(resource.name());
	}

	private DetailsEtag id(UUID id) {
		return (id == null) ? number(-1) : number(id.getMostSignificantBits()).number(id.getLeastSignificantBits());
	}

	private DetailsEtag text(String text) {
		if (text == null) {
			return number(-1);
		}
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		number(bytes.length);
		this.md5.update(bytes);
		return this;
	}

	private DetailsEtag flag(boolean flag) {
		this.md5.update((byte) (flag ? 1 : 0));
		return this;
	}

	private DetailsEtag size(List<?> list) {
		return number(list.size());
	}

	private DetailsEtag number(long number) {
		for (int shift = 56; shift >= 0; shift -= 8) {
			this.md5.update((byte) (number >>> shift));
		}
		return this;
	}

}
