package com.aventian.portal.config;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The cost of one password check with the portal's Argon2id parameters (m=19456 KiB, t=2, p=1), which
 * bounds how many sign-ins a core can check per second: the portal's own encoder
 * ({@link ReusedMemoryArgon2PasswordEncoder}, as {@code SecurityConfig} makes it) checking a stored hash, as a
 * sign-in does, next to Spring's {@link Argon2PasswordEncoder} with the same parameters, which it replaced.
 * In the package of the encoder, which is not public. Run with the JVM flags of production
 * ({@code bench/jvm.options}), see docs/PERFORMANCE.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = { "-Xmx192m", "-XX:+UseSerialGC" })
public class PasswordHashBenchmark {

	private static final String PASSWORD = "violet tractor harbour 1987";

	private final ReusedMemoryArgon2PasswordEncoder portal = new ReusedMemoryArgon2PasswordEncoder(16, 32, 1, 19456, 2,
			1);

	private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);

	private String stored;

	@Setup
	public void storeAHash() {
		this.stored = this.portal.encode(PASSWORD);
	}

	@Benchmark
	public boolean portalEncoderChecksAPassword() {
		return this.portal.matches(PASSWORD, this.stored);
	}

	@Benchmark
	public boolean springEncoderChecksAPassword() {
		return this.spring.matches(PASSWORD, this.stored);
	}

	public static void main(String[] args) throws Exception {
		new Runner(new OptionsBuilder().include(PasswordHashBenchmark.class.getName()).build()).run();
	}

}
