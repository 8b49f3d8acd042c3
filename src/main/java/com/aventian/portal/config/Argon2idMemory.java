package com.aventian.portal.config;

import java.util.Arrays;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2id (RFC 9106, version 0x13, no secret, no associated data) computed in one memory area that is
 * kept and used again for the next hash. Bouncy Castle's generator, which Spring's encoder uses, allocates
 * its 19 MiB anew for every hash as 19,456 separate arrays that live for the whole hash: on a 256 MB heap
 * every young collection during a sign-in copies them and the old generation fills with them (issue 10:
 * sign-in cost 2.3 hashes of CPU, the extra being garbage collection). The area is wiped after each hash,
 * as Bouncy Castle wipes its blocks. Not thread-safe: one hash at a time per instance
 * ({@link ReusedMemoryArgon2PasswordEncoder} keeps one per hashing permit).
 */
final class Argon2idMemory {

	static final int VERSION = 0x13;

	private static final int TYPE_ID = 2;

	private static final int QWORDS = 128;

	private static final int SYNC_POINTS = 4;

	private static final long M32 = 0xFFFFFFFFL;

	private final int lanes;

	private final int memoryKiB;

	private final int iterations;

	private final int laneLength;

	private final int segmentLength;

	private final int blocks;

	/** Block b is {@code memory[b * 128 .. b * 128 + 127]}. */
	private final long[] memory;

	private final long[] r = new long[QWORDS];

	private final long[] t = new long[QWORDS];

	private final long[] zero = new long[QWORDS];

	private final long[] input = new long[QWORDS];

	private final long[] address = new long[QWORDS];

	Argon2idMemory(int memoryKiB, int iterations, int lanes) {
		if (lanes < 1 || iterations < 1 || memoryKiB < 8 * lanes) {
			throw new IllegalArgumentException("Argon2 needs lanes >= 1, iterations >= 1 and memory >= 8 KiB per lane");
		}
		this.lanes = lanes;
		this.memoryKiB = memoryKiB;
		this.iterations = iterations;
		this.segmentLength = memoryKiB / (lanes * SYNC_POINTS);
		this.laneLength = this.segmentLength * SYNC_POINTS;
		this.blocks = this.laneLength * lanes;
		this.memory = new long[this.blocks * QWORDS];
	}

	boolean fits(int memoryKiB, int iterations, int lanes) {
		return this.memoryKiB == memoryKiB && this.iterations == iterations && this.lanes == lanes;
	}

	/** The tag of {@code password} (its bytes as Bouncy Castle converts them) and {@code salt}. */
	byte[] hash(byte[] password, byte[] salt, int tagLength) {
		try {
			byte[] h0 = initialHash(password, salt, tagLength);
			fillFirstBlocks(h0);
			for (int pass = 0; pass < this.iterations; pass++) {
				for (int slice = 0; slice < SYNC_POINTS; slice++) {
					for (int lane = 0; lane < this.lanes; lane++) {
						fillSegment(pass, slice, lane);
					}
				}
			}
			long[] last = new long[QWORDS];
			for (int lane = 0; lane < this.lanes; lane++) {
				int offset = (lane * this.laneLength + this.laneLength - 1) * QWORDS;
				for (int k = 0; k < QWORDS; k++) {
					last[k] ^= this.memory[offset + k];
				}
			}
			byte[] lastBytes = new byte[QWORDS * 8];
			for (int k = 0; k < QWORDS; k++) {
				longToLittleEndian(last[k], lastBytes, k * 8);
			}
			return variableHash(lastBytes, tagLength);
		}
		finally {
			Arrays.fill(this.memory, 0L);
			Arrays.fill(this.r, 0L);
			Arrays.fill(this.t, 0L);
		}
	}

	private byte[] initialHash(byte[] password, byte[] salt, int tagLength) {
		Blake2bDigest blake = new Blake2bDigest(512);
		for (int value : new int[] { this.lanes, tagLength, this.memoryKiB, this.iterations, VERSION, TYPE_ID }) {
			addInt(blake, value);
		}
		addInt(blake, password.length);
		blake.update(password, 0, password.length);
		addInt(blake, salt.length);
		blake.update(salt, 0, salt.length);
		addInt(blake, 0); // secret
		addInt(blake, 0); // associated data
		byte[] h0 = new byte[64];
		blake.doFinal(h0, 0);
		return h0;
	}

	private void fillFirstBlocks(byte[] h0) {
		byte[] seed = Arrays.copyOf(h0, 72);
		for (int lane = 0; lane < this.lanes; lane++) {
			intToLittleEndian(lane, seed, 68);
			for (int i = 0; i < 2; i++) {
				intToLittleEndian(i, seed, 64);
				byte[] block = variableHash(seed, QWORDS * 8);
				int offset = (lane * this.laneLength + i) * QWORDS;
				for (int k = 0; k < QWORDS; k++) {
					this.memory[offset + k] = littleEndianToLong(block, k * 8);
				}
			}
		}
	}

	private void fillSegment(int pass, int slice, int lane) {
		boolean independent = pass == 0 && slice < SYNC_POINTS / 2;
		int start = (pass == 0 && slice == 0) ? 2 : 0;
		if (independent) {
			Arrays.fill(this.input, 0L);
			this.input[0] = pass;
			this.input[1] = lane;
			this.input[2] = slice;
			this.input[3] = this.blocks;
			this.input[4] = this.iterations;
			this.input[5] = TYPE_ID;
			if (start == 2) {
				nextAddresses();
			}
		}
		int current = lane * this.laneLength + slice * this.segmentLength + start;
		int previous = (current % this.laneLength == 0) ? current + this.laneLength - 1 : current - 1;
		for (int index = start; index < this.segmentLength; index++, current++, previous++) {
			if (current % this.laneLength == 1) {
				previous = current - 1;
			}
			long pseudoRandom;
			if (independent) {
				if (index % QWORDS == 0) {
					nextAddresses();
				}
				pseudoRandom = this.address[index % QWORDS];
			}
			else {
				pseudoRandom = this.memory[previous * QWORDS];
			}
			int refLane = (pass == 0 && slice == 0) ? lane : (int) ((pseudoRandom >>> 32) % this.lanes);
			int refIndex = referenceIndex(pass, slice, index, pseudoRandom & M32, refLane == lane);
			fillBlock(this.memory, previous * QWORDS, this.memory, (this.laneLength * refLane + refIndex) * QWORDS,
					this.memory, current * QWORDS, pass != 0);
		}
	}

	private int referenceIndex(int pass, int slice, int index, long pseudoRandom, boolean sameLane) {
		long area;
		if (pass == 0) {
			if (slice == 0) {
				area = index - 1;
			}
			else {
				area = (long) slice * this.segmentLength + (sameLane ? index - 1 : (index == 0 ? -1 : 0));
			}
		}
		else {
			area = this.laneLength - this.segmentLength + (sameLane ? index - 1 : (index == 0 ? -1 : 0));
		}
		long relative = (pseudoRandom * pseudoRandom) >>> 32;
		relative = area - 1 - ((area * relative) >>> 32);
		long start = (pass != 0 && slice != SYNC_POINTS - 1) ? (long) (slice + 1) * this.segmentLength : 0;
		return (int) ((start + relative) % this.laneLength);
	}

	private void nextAddresses() {
		this.input[6]++;
		fillBlock(this.zero, 0, this.input, 0, this.address, 0, false);
		fillBlock(this.zero, 0, this.address, 0, this.address, 0, false);
	}

	/** next = R ^ P(R) with R = prev ^ ref (and ^ the old next on later passes), RFC 9106 section 3.5. */
	private void fillBlock(long[] prevArea, int prev, long[] refArea, int ref, long[] nextArea, int next, boolean withXor) {
		long[] r = this.r;
		long[] t = this.t;
		for (int k = 0; k < QWORDS; k++) {
			long value = prevArea[prev + k] ^ refArea[ref + k];
			r[k] = value;
			t[k] = withXor ? value ^ nextArea[next + k] : value;
		}
		for (int i = 0; i < 8; i++) {
			int o = 16 * i;
			permute(r, o, o + 1, o + 2, o + 3, o + 4, o + 5, o + 6, o + 7, o + 8, o + 9, o + 10, o + 11, o + 12,
					o + 13, o + 14, o + 15);
		}
		for (int i = 0; i < 8; i++) {
			int o = 2 * i;
			permute(r, o, o + 1, o + 16, o + 17, o + 32, o + 33, o + 48, o + 49, o + 64, o + 65, o + 80, o + 81,
					o + 96, o + 97, o + 112, o + 113);
		}
		for (int k = 0; k < QWORDS; k++) {
			nextArea[next + k] = t[k] ^ r[k];
		}
	}

	private static void permute(long[] v, int v0, int v1, int v2, int v3, int v4, int v5, int v6, int v7, int v8,
			int v9, int v10, int v11, int v12, int v13, int v14, int v15) {
		mix(v, v0, v4, v8, v12);
		mix(v, v1, v5, v9, v13);
		mix(v, v2, v6, v10, v14);
		mix(v, v3, v7, v11, v15);
		mix(v, v0, v5, v10, v15);
		mix(v, v1, v6, v11, v12);
		mix(v, v2, v7, v8, v13);
		mix(v, v3, v4, v9, v14);
	}

	/** GB of RFC 9106 section 3.6: BLAKE2b's G with the multiplications of BlaMka. */
	private static void mix(long[] v, int ia, int ib, int ic, int id) {
		long a = v[ia];
		long b = v[ib];
		long c = v[ic];
		long d = v[id];
		a = a + b + 2 * (a & M32) * (b & M32);
		d = Long.rotateRight(d ^ a, 32);
		c = c + d + 2 * (c & M32) * (d & M32);
		b = Long.rotateRight(b ^ c, 24);
		a = a + b + 2 * (a & M32) * (b & M32);
		d = Long.rotateRight(d ^ a, 16);
		c = c + d + 2 * (c & M32) * (d & M32);
		b = Long.rotateRight(b ^ c, 63);
		v[ia] = a;
		v[ib] = b;
		v[ic] = c;
		v[id] = d;
	}

	/** H' of RFC 9106 section 3.3: BLAKE2b stretched to {@code length} bytes. */
	private static byte[] variableHash(byte[] input, int length) {
		byte[] out = new byte[length];
		byte[] lengthBytes = new byte[4];
		intToLittleEndian(length, lengthBytes, 0);
		if (length <= 64) {
			Blake2bDigest blake = new Blake2bDigest(length * 8);
			blake.update(lengthBytes, 0, 4);
			blake.update(input, 0, input.length);
			blake.doFinal(out, 0);
			return out;
		}
		Blake2bDigest blake = new Blake2bDigest(512);
		byte[] v = new byte[64];
		blake.update(lengthBytes, 0, 4);
		blake.update(input, 0, input.length);
		blake.doFinal(v, 0);
		System.arraycopy(v, 0, out, 0, 32);
		int rounds = (length + 31) / 32 - 2;
		int position = 32;
		for (int i = 2; i <= rounds; i++, position += 32) {
			blake.update(v, 0, 64);
			blake.doFinal(v, 0);
			System.arraycopy(v, 0, out, position, 32);
		}
		Blake2bDigest last = new Blake2bDigest((length - 32 * rounds) * 8);
		last.update(v, 0, 64);
		last.doFinal(out, position);
		return out;
	}

	private static void addInt(Blake2bDigest blake, int value) {
		byte[] bytes = new byte[4];
		intToLittleEndian(value, bytes, 0);
		blake.update(bytes, 0, 4);
	}

	private static void intToLittleEndian(int value, byte[] out, int offset) {
		out[offset] = (byte) value;
		out[offset + 1] = (byte) (value >>> 8);
		out[offset + 2] = (byte) (value >>> 16);
		out[offset + 3] = (byte) (value >>> 24);
	}

	private static void longToLittleEndian(long value, byte[] out, int offset) {
		intToLittleEndian((int) value, out, offset);
		intToLittleEndian((int) (value >>> 32), out, offset + 4);
	}

	private static long littleEndianToLong(byte[] in, int offset) {
		long value = 0;
		for (int i = 7; i >= 0; i--) {
			value = (value << 8) | (in[offset + i] & 0xFF);
		}
		return value;
	}

}
