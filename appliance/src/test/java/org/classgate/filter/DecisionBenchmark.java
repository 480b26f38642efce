package org.classgate.filter;

import com.sun.management.ThreadMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Profile;
import org.classgate.dns.Transport;
import org.classgate.dns.pipeline.DnsStage;
import org.classgate.dns.pipeline.StageChain;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.RecordType;
import org.classgate.dns.wire.WireFormatException;

/**
 * Per-query decision cost against a block list of a given size, run by {@code
 * scripts/bench/bench-decision} (one JVM per list size). Not a test: a {@code main} that prints one
 * result line, so the script can tabulate sizes side by side.
 *
 * <p>The list is loaded with the real {@link ListLoader} into a {@link DomainSet} under one
 * category the profile blocks; a locked set of {@value #LOCKED} names stands in for the
 * illegal-content lists. A fixed pool of {@value #POOL} queries (seeded, so every size asks the
 * same shapes) mixes blocked names from the list (20%), subdomains of them (20%), allowed names
 * (40%, half answered through a CNAME) and deep allowed names of 9 labels (20%, all through a
 * CNAME). Three measurements per round, each over the whole pool many times:
 *
 * <ul>
 *   <li>{@code match}: the locked and category matches alone ({@link DomainSet#match} twice).
 *   <li>{@code lookup}: the decision's lookups alone — locked match, category match and, for an
 *       allowed name, the alias-target check of its upstream answer ({@link AliasTargets#match}).
 *   <li>{@code chain}: the real stages {@link LockedLists} → {@link CategoryPolicy} → {@link
 *       AliasTargetPolicy} in a {@link StageChain} in front of a stage that returns the query's
 *       prepared upstream answer (as a cache hit would), so futures and the block answer's bytes
 *       are counted too.
 * </ul>
 *
 * Reported: the median over rounds of the thread's CPU ns per query and of bytes allocated per
 * query ({@code ThreadMXBean.getThreadAllocatedBytes}), after warm-up rounds for the JIT.
 */
public final class DecisionBenchmark {
  private static final int POOL = 1 << 14;
  private static final int LOCKED = 5_000;
  private static final int GAMES = 1 << 1;
  private static final int ILLEGAL = 1;

  private final Profile pupil = new Profile("pupil", GAMES);
  private final DomainSet domains;
  private final DomainSet locked;
  private final DnsQuery[] queries = new DnsQuery[POOL];
  private final Name[] names = new Name[POOL];
  private final Answer[] upstream = new Answer[POOL];
  private final StageChain chain;
  private int current;
  private long sink;

  private DecisionBenchmark(DomainSet domains, List<String> listed, long seed) throws Exception {
    this.domains = domains;
    DomainSet.Builder lockedBuilder = new DomainSet.Builder();
    for (int i = 0; i < LOCKED; i++) {
      lockedBuilder.add("csam" + i + ".locked.invalid", ILLEGAL);
    }
    this.locked = lockedBuilder.build();
    Random random = new Random(seed);
    for (int i = 0; i < POOL; i++) {
      prepare(i, random, listed);
    }
    BlockAnswer blockAnswer =
        new BlockAnswer(
            BlockAnswer.Mode.ADDRESS,
            (Inet4Address) InetAddress.getByName("192.0.2.80"),
            (Inet6Address) InetAddress.getByName("2001:db8::80"),
            60);
    DnsStage cacheHit = (query, next) -> CompletableFuture.completedFuture(upstream[current]);
    this.chain =
        StageChain.of(
            List.of(
                new LockedLists(() -> locked, blockAnswer),
                new CategoryPolicy(() -> this.domains, blockAnswer),
                new AliasTargetPolicy(() -> this.domains, () -> locked, blockAnswer),
                cacheHit));
  }

  private void prepare(int index, Random random, List<String> listed) throws Exception {
    int kind = random.nextInt(10);
    String name;
    String alias = null;
    if (kind < 2) {
      name = listed.get(random.nextInt(listed.size()));
    } else if (kind < 4) {
      String parent = listed.get(random.nextInt(listed.size()));
      name = (random.nextBoolean() ? "www." : "static.cdn.") + parent;
      if (name.length() > 250) {
        name = parent;
      }
    } else if (kind < 8) {
      name = "host" + random.nextInt(1_000_000) + ".school.test";
      if (random.nextBoolean()) {
        alias = "edge" + random.nextInt(1000) + ".cdn-provider.test";
      }
    } else {
      name =
          "a"
              + random.nextInt(1000)
              + ".b.c.d.e.f.img.assets.school.test"; // 9 labels below the root
      alias = "deep" + random.nextInt(1000) + ".eu.edge.cdn-provider.test";
    }
    Message message =
        new Message(
            index,
            Flags.RD,
            new Question(Name.of(name), RecordType.A, RecordType.CLASS_IN),
            List.of(),
            List.of(),
            List.of(),
            null);
    DnsQuery query =
        new DnsQuery(message.toWire(), InetAddress.getLoopbackAddress(), Transport.UDP, 0);
    query.parsed(message);
    query.identified(pupil);
    queries[index] = query;
    names[index] = message.question().name();
    UpstreamAnswerBytes answer = UpstreamAnswerBytes.to(message);
    if (alias != null) {
      answer.cname(name, alias).a(alias, "198.51.100." + (1 + index % 200));
    } else {
      answer.a(name, "198.51.100." + (1 + index % 200));
    }
    upstream[index] = Answer.of(answer.bytes(), Outcome.CACHED);
  }

  /** One pass of the locked and category matches alone over the pool. */
  private long matches() {
    long result = 0;
    for (int i = 0; i < POOL; i++) {
      Name name = names[i];
      result += locked.match(name) + pupil.blocks(domains.match(name));
    }
    return result;
  }

  /** One pass of the lookups over the pool; returns a value the JIT cannot discard. */
  private long lookups() throws WireFormatException {
    long result = 0;
    for (int i = 0; i < POOL; i++) {
      Name name = names[i];
      int lockedMatch = locked.match(name);
      int blocked = pupil.blocks(domains.match(name));
      if (lockedMatch == 0 && blocked == 0) {
        AliasTargets.Listed listed =
            AliasTargets.match(upstream[i].wire(), locked, domains, pupil.blockedCategories());
        result += listed == null ? 1 : 2;
      } else {
        result += lockedMatch | blocked;
      }
    }
    return result;
  }

  /** One pass of the stage chain over the pool. */
  private long stages() {
    long result = 0;
    for (int i = 0; i < POOL; i++) {
      current = i;
      Answer answer = chain.handle(queries[i]).join();
      result += answer.outcome().ordinal() + answer.wire().length;
    }
    return result;
  }

  /** Counts the pool's outcomes through the chain, as a check that the mix is what it says. */
  private String mix() {
    int blocked = 0;
    for (int i = 0; i < POOL; i++) {
      current = i;
      if (chain.handle(queries[i]).join().outcome() == Outcome.BLOCKED) {
        blocked++;
      }
    }
    return String.format("%.1f%%", 100.0 * blocked / POOL);
  }

  private interface Pass {
    long run() throws Exception;
  }

  /**
   * [median ns/query, median bytes/query] over {@code rounds} rounds of {@code passes} passes. The
   * time is the thread's CPU time, not the wall clock: on a shared machine the benchmark's thread
   * is descheduled often, and CPU time leaves those gaps out.
   */
  private double[] measure(Pass pass, int warmups, int rounds, int passes) throws Exception {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    for (int w = 0; w < warmups; w++) {
      for (int p = 0; p < passes; p++) {
        sink += pass.run();
      }
    }
    double[] nanos = new double[rounds];
    double[] bytes = new double[rounds];
    double queriesPerRound = (double) passes * POOL;
    for (int r = 0; r < rounds; r++) {
      long allocatedBefore = threads.getThreadAllocatedBytes(thread);
      long start = threads.getCurrentThreadCpuTime();
      for (int p = 0; p < passes; p++) {
        sink += pass.run();
      }
      nanos[r] = (threads.getCurrentThreadCpuTime() - start) / queriesPerRound;
      bytes[r] = (threads.getThreadAllocatedBytes(thread) - allocatedBefore) / queriesPerRound;
    }
    return new double[] {median(nanos), median(bytes)};
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /**
   * {@code DecisionBenchmark LIST [ROUNDS] [PASSES]}: prints {@code entries=… heap_mib=… load_ms=…
   * blocked=… lookup_ns=… lookup_bytes=… chain_ns=… chain_bytes=…}.
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: DecisionBenchmark LIST [ROUNDS] [PASSES]");
      System.exit(2);
    }
    Path list = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int passes = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    long started = System.nanoTime();
    DomainSet.Builder builder = new DomainSet.Builder();
    ListReport report = new ListLoader().load(list, GAMES, builder);
    DomainSet domains = builder.build();
    long loadMillis = (System.nanoTime() - started) / 1_000_000;
    builder = null;
    DecisionBenchmark bench = new DecisionBenchmark(domains, sample(list, 50_000), 20260517L);
    double[] match = bench.measure(bench::matches, 3, rounds, passes);
    double[] lookup = bench.measure(bench::lookups, 3, rounds, passes);
    double[] chain = bench.measure(bench::stages, 3, rounds, passes);
    System.out.printf(
        "entries=%d skipped=%d heap_mib=%d load_ms=%d blocked=%s match_ns=%.1f"
            + " match_bytes=%.1f lookup_ns=%.1f lookup_bytes=%.1f chain_ns=%.1f chain_bytes=%.1f"
            + " sink=%d%n",
        domains.size(),
        report.skippedTotal(),
        domains.heapBytes() / (1024 * 1024),
        loadMillis,
        bench.mix(),
        match[0],
        match[1],
        lookup[0],
        lookup[1],
        chain[0],
        chain[1],
        bench.sink & 0xF);
  }

  /**
   * Every k-th line of the list, so blocked queries come from the whole list, real and synthetic.
   */
  private static List<String> sample(Path list, int wanted) throws IOException {
    long lines;
    try (var stream = Files.lines(list, StandardCharsets.US_ASCII)) {
      lines = stream.count();
    }
    long step = Math.max(1, lines / wanted);
    List<String> sample = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(list, StandardCharsets.US_ASCII)) {
      String line;
      long number = 0;
      while ((line = reader.readLine()) != null) {
        if (number++ % step == 0 && !line.isBlank() && !line.startsWith("#")) {
          sample.add(line.strip());
        }
      }
    }
    return sample;
  }
}
