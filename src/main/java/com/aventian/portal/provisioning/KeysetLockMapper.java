package com.aventian.portal.provisioning;

import org.apache.ibatis.annotations.Mapper;

/** The cluster-wide lock under which the shared keyset is rotated or its older keys disabled. */
@Mapper
interface KeysetLockMapper {

	/**
	 * Waits for, then holds until the transaction ends, the keyset's advisory lock: two rotations at once (two
	 * instances, or the page and the command) would each store a keyset built from the same older one, and the
	 * one stored first, whose key the other lacks, would be lost with every value already sealed with it.
	 */
	int lockKeyset();

}
