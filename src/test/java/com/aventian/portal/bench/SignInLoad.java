package com.aventian.portal.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Password sign-ins against a running portal for {@code bench/run.sh}, in two steps so that only the
 * sign-in itself is measured:
 * <ol>
 * <li>{@code forms <port> <count> <first user number> <file>} opens the sign-in page once per person, as
 * a fresh browser would, and writes each person's e-mail, session cookie and CSRF token to the file;</li>
 * <li>{@code post <port> <server pid> <clock ticks per second> <clients> <password> <file>} posts all
 * those forms from {@code clients} parallel clients and prints one line: successes, failures, rate,
 * latency, and the server's CPU time per successful sign-in, read from {@code /proc/<pid>/stat}, with its
 * split by the server's threads ({@code /proc/<pid>/task/<tid>/stat}): request threads, garbage collection,
 * the JIT compilers, Redis's client threads, the rest.</li>
 * </ol>
 * Between the warm-up's posts and the measured ones, {@code settle <server pid> <clock ticks per second> <max
 * seconds>} waits until the server's JIT compiler threads have been idle for two seconds (at most {@code max
 * seconds}) and prints how long that took: on a busy machine the compilations the warm-up queued would otherwise
 * run during the measurement and count as sign-in cost, though a portal that has run for a while pays them no more.
 * Between the two, the script resets the database and Redis statistics, so their counts are the POST's.
 * JDK only, so the script runs it as a source file ({@code java SignInLoad.java ...}) without a build;
 * it lives in the test tree so that the build compiles it and it cannot rot unnoticed.
 */
public final class SignInLoad {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern SESSION_COOKIE = Pattern.compile("^(AVENTIAN_SESSION=[^;]+)");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final List<String> THREAD_KINDS = List.of("requests", "gc", "jit", "redis_client", "other");

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(TIMEOUT)
		.build();

	private final String baseUrl;

	private SignInLoad(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 5 && args[0].equals("forms")) {
			new SignInLoad(Integer.parseInt(args[1])).openForms(Integer.parseInt(args[2]), Integer.parseInt(args[3]),
					Path.of(args[4]));
		}
		else if (args.length == 7 && args[0].equals("post")) {
			new SignInLoad(Integer.parseInt(args[1])).postForms(Long.parseLong(args[2]), Long.parseLong(args[3]),
					Integer.parseInt(args[4]), args[5], Path.of(args[6]));
		}
		else if (args.length == 4 && args[0].equals("settle")) {
			settle(Long.parseLong(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]));
		}
		else {
			System.err.println("usage: SignInLoad forms <port> <count> <first user number> <file>\n"
					+ "       SignInLoad post <port> <server pid> <clock ticks per second> <clients> <password> <file>\n"
					+ "       SignInLoad settle <server pid> <clock ticks per second> <max seconds>");
			System.exit(2);
		}
	}

	private void openForms(int count, int firstUser, Path file) throws Exception {
		List<String> lines = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> forms = new ArrayList<>();
			for (int n = firstUser; n < firstUser + count; n++) {
				String email = String.format(Locale.ROOT, "bench-%05d@bench.aventian.test", n);
				forms.add(pool.submit(() -> openForm(email)));
			}
			for (Future<String> form : forms) {
				lines.add(form.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		Files.write(file, lines);
	}

	private String openForm(String email) throws IOException, InterruptedException {
		HttpResponse<String> page = this.client.send(request("/login").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher token = CSRF_FIELD.matcher(page.body());
		String cookie = page.headers()
			.allValues("Set-Cookie")
			.stream()
			.map(SESSION_COOKIE::matcher)
			.filter(Matcher::find)
			.map((match) -> match.group(1))
			.findFirst()
			.orElse(null);
		if (page.statusCode() != 200 || !token.find() || cookie == null) {
			throw new IllegalStateException("The sign-in page answered " + page.statusCode()
					+ " without a CSRF field or a session cookie");
		}
		return email + "\t" + cookie + "\t" + token.group(1);
	}

	private void postForms(long serverPid, long ticksPerSecond, int clients, String password, Path file)
			throws Exception {
		List<String[]> forms = Files.readAllLines(file).stream().map((line) -> line.split("\t")).toList();
		long[] nanos = new long[forms.size()];
		String[] failures = new String[forms.size()];
		Map<String, Long> threadsBefore = cpuTicksByKind(serverPid);
		long cpuBefore = cpuTicks(serverPid);
		long start = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<?>> posts = new ArrayList<>();
			for (int i = 0; i < forms.size(); i++) {
				int index = i;
				posts.add(pool.submit(() -> {
					long began = System.nanoTime();
					failures[index] = signIn(forms.get(index), password);
					nanos[index] = System.nanoTime() - began;
					return null;
				}));
			}
			for (Future<?> post : posts) {
				post.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long cpuTicks = cpuTicks(serverPid) - cpuBefore;
		Map<String, Long> threadsAfter = cpuTicksByKind(serverPid);
		int ok = 0;
		for (String failure : failures) {
			if (failure == null) {
				ok++;
			}
			else {
				System.err.println(failure);
			}
		}
		Arrays.sort(nanos);
		System.out.printf(Locale.ROOT,
				"signins=%d failed=%d seconds=%.2f rate=%.2f p50_ms=%.1f p99_ms=%.1f cpu_ms_per_signin=%.1f", ok,
				forms.size() - ok, seconds, ok / seconds, percentile(nanos, 50), percentile(nanos, 99),
				ok == 0 ? 0.0 : cpuTicks * 1000.0 / ticksPerSecond / ok);
		for (String kind : THREAD_KINDS) {
			long ticks = threadsAfter.getOrDefault(kind, 0L) - threadsBefore.getOrDefault(kind, 0L);
			System.out.printf(Locale.ROOT, " cpu_ms_%s=%.1f", kind, ok == 0 ? 0.0 : ticks * 1000.0 / ticksPerSecond / ok);
		}
		System.out.println();
	}

	private static void settle(long serverPid, long ticksPerSecond, int maxSeconds) throws Exception {
		long start = System.nanoTime();
		long deadline = start + maxSeconds * 1_000_000_000L;
		long jit = cpuTicksByKind(serverPid).getOrDefault("jit", 0L);
		boolean idle = false;
		while (!idle && System.nanoTime() < deadline) {
			Thread.sleep(2000);
			long now = cpuTicksByKind(serverPid).getOrDefault("jit", 0L);
			// a tick or two in two seconds is the compilers' own bookkeeping, not a compilation
			idle = now - jit <= Math.max(2, ticksPerSecond / 50);
			jit = now;
		}
		System.out.printf(Locale.ROOT, "settled=%s settle_seconds=%.0f%n", idle ? "yes" : "no",
				(System.nanoTime() - start) / 1e9);
	}

	/** One form post; success (null) is the portal's redirect away from the sign-in page, else what it answered. */
	private String signIn(String[] form, String password) throws IOException, InterruptedException {
		String body = "email=" + encode(form[0]) + "&password=" + encode(password) + "&_csrf=" + encode(form[2]);
		HttpResponse<Void> response = this.client.send(request("/login").header("Cookie", form[1])
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.discarding());
		String location = response.headers().firstValue("Location").orElse("");
		if (response.statusCode() == 302 && !location.isEmpty() && !location.contains("/login")) {
			return null;
		}
		return "sign-in of " + form[0] + " answered " + response.statusCode() + " " + location;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(TIMEOUT)
			.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
	}

	/** User plus system CPU of the process, in clock ticks: fields 14 and 15 of /proc/<pid>/stat. */
	private static long cpuTicks(long pid) throws IOException {
		return ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
	}

	private static long ticksOf(String stat) {
		// the command name (field 2) may contain spaces; the fields after it are counted from its ')'
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/**
	 * CPU ticks of the server's live threads by kind, from their names (the first 15 characters, as the kernel
	 * keeps them). A thread that ended between two readings takes its ticks with it: request, GC and compiler
	 * threads live as long as the server.
	 */
	private static Map<String, Long> cpuTicksByKind(long pid) throws IOException {
		Map<String, Long> ticks = new HashMap<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks) {
				String stat;
				try {
					stat = Files.readString(task.resolve("stat"));
				}
				catch (NoSuchFileException ended) {
					continue;
				}
				String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
				ticks.merge(kindOf(name), ticksOf(stat), Long::sum);
			}
		}
		return ticks;
	}

	private static String kindOf(String threadName) {
		if (threadName.startsWith("http-")) {
			return "requests";
		}
		if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")) {
			return "gc";
		}
		if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
			return "jit";
		}
		if (threadName.startsWith("lettuce")) {
			return "redis_client";
		}
		return "other";
	}

	private static double percentile(long[] sortedNanos, int percent) {
		if (sortedNanos.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(percent / 100.0 * sortedNanos.length) - 1;
		return sortedNanos[Math.max(0, index)] / 1e6;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
