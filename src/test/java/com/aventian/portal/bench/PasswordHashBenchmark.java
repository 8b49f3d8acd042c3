package com.aventian.portal.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The cost of one password hash with the portal's Argon2id parameters (m=19456 KiB, t=2, p=1), which
 * bounds how many sign-ins a core can check per second. Run:
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=com.aventian.portal.bench.PasswordHashBenchmark}
 * or with {@code java -cp} on the test classpath; results go to docs/PERFORMANCE.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PasswordHashBenchmark {

	private final Argon2PasswordEncoder portalParameters = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);

	@Benchmark
	public String hashOnePassword() {
		return this.portalParameters.encode("violet tractor harbour 1987");
	}

	public static void main(String[] args) throws Exception {
		new Runner(new OptionsBuilder().include(PasswordHashBenchmark.class.getSimpleName()).build()).run();
	}

}
