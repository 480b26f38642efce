package org.classgate.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.classgate.testing.Executables;
import org.classgate.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package, built by {@code scripts/package} from this build's jar, on a Debian bookworm
 * root ({@code system-images/test/package-test}: install with apt, files and modes, maintainer
 * scripts, systemd-analyze verify and security, the launcher run in the chroot and asked with dig,
 * upgrade, remove, purge), lintian, and the pi-gen stage's dry run. Root only (chroot, mounts).
 */
class PackageIT {
  /** Failsafe runs in the module directory. */
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private static final Path JAR = Path.of("target", "classgate.jar").toAbsolutePath();

  /** systemd-analyze security's exposure (0 safest … 10): the unit must stay well inside "OK". */
  private static final double EXPOSURE_LIMIT = 3.0;

  @TempDir Path dir;

  @Test
  void installsRunsUpgradesRemovesAndPurgesOnBookworm() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (chroot)");
    for (String tool : List.of("dpkg-deb", "mmdebstrap", "systemd-analyze", "dig")) {
      assumeTrue(Executables.onPath(tool), "needs " + tool);
    }
    assumeTrue(Files.isRegularFile(JAR), "the jar is built");

    Path oldDeb = build("0.1.0~it1");
    Path newDeb = build("0.1.0~it2");
    long size = Files.size(oldDeb);
    assertTrue(size > 10_000_000 && size < 60_000_000, "package size " + size);
    System.out.printf("PackageIT: package %.1f MiB%n", size / 1048576.0);

    if (Executables.onPath("lintian")) {
      Result lintian =
          run(List.of("lintian", "--tag-display-limit", "0", oldDeb.toString()), Map.of(), 300);
      assertEquals(0, lintian.status(), lintian.output());
      assertTrue(
          lintian.output().lines().noneMatch(line -> line.matches("^[EW]: .*")),
          "lintian errors or warnings:\n" + lintian.output());
    }

    long start = System.nanoTime();
    Result test =
        run(
            List.of(
                REPO.resolve("system-images/test/package-test").toString(),
                oldDeb.toString(),
                newDeb.toString()),
            Map.of(
                "DNS_PORT", String.valueOf(FreePorts.udpAndTcp()),
                "CONSOLE_PORT", String.valueOf(FreePorts.udpAndTcp()),
                "BLOCK_PAGE_PORT", String.valueOf(FreePorts.udpAndTcp()),
                "EXPOSURE_LIMIT", String.valueOf(EXPOSURE_LIMIT)),
            600);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    System.out.println(test.output());
    assertEquals(0, test.status(), test.output());
    for (String check :
        List.of(
            "ok: installed with apt",
            "ok: /etc/classgate/classgate.properties 640 root:classgate",
            "ok: systemd-analyze verify: no findings",
            "ok: dig: www.demo-blocked.classgate.test A -> 0.0.0.0 from the installed box",
            "ok: upgraded to 0.1.0~it2",
            "ok: removed: program gone, data, configuration and user kept",
            "ok: purged")) {
      assertTrue(test.output().contains(check), "missing '" + check + "' in:\n" + test.output());
    }
    Matcher exposure = Pattern.compile("(?m)^exposure ([0-9.]+)$").matcher(test.output());
    assertTrue(exposure.find(), test.output());
    double score = Double.parseDouble(exposure.group(1));
    assertTrue(score <= EXPOSURE_LIMIT, "exposure " + score);
    System.out.printf("PackageIT: exposure %.1f, package test %d s%n", score, seconds);
    assertTrue(seconds < 600, "the package test takes a few minutes at most: " + seconds + " s");
  }

  @Test
  void thePiGenStageDryRunLeavesAnAppliance() throws Exception {
    assumeTrue(Executables.onPath("dpkg-deb") && Executables.onPath("java"), "needs dpkg-deb");
    assumeTrue(Files.isRegularFile(JAR), "the jar is built");
    Path deb = build("0.1.0~stage");
    Result dryRun =
        run(
            List.of(
                REPO.resolve("system-images/test/stage-dry-run").toString(),
                deb.toString(),
                JAR.toString()),
            Map.of(),
            120);
    assertEquals(0, dryRun.status(), dryRun.output());
    assertTrue(dryRun.output().contains("ok: read-only root"), dryRun.output());
    assertTrue(dryRun.output().contains("ok: clock floor /usr/lib/clock-epoch"), dryRun.output());
    assertTrue(dryRun.output().contains("ok: no root expansion at first boot"), dryRun.output());
    assertTrue(dryRun.output().contains("stage-dry-run passed"), dryRun.output());
  }

  /**
   * The stage's {@code classgate-data-partition} on loop-attached image files laid out like a
   * Raspberry Pi OS card ({@code system-images/test/data-partition-test}): partition 3 appended,
   * ext4 labelled {@code classgate-data}, the fstab line by label, a second run that changes no
   * byte, a stopped run resumed, and the cards it must refuse left unchanged.
   */
  @Test
  void theDataPartitionIsMadeOnceAfterTheRootOfARaspberryPiCard() throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      System.err.println(
          "PackageIT: SKIPPED the data partition test: it needs root (loop devices, mkfs, mount)");
    }
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (loop devices, mount)");
    for (String tool : List.of("losetup", "sfdisk", "partx", "mkfs.vfat", "mkfs.ext4", "wipefs")) {
      assertTrue(Executables.onPath(tool), "needs " + tool + " (scripts/test installs it)");
    }
    Result test =
        run(
            List.of(REPO.resolve("system-images/test/data-partition-test").toString()),
            Map.of(),
            300);
    System.out.println(test.output());
    assertEquals(0, test.status(), test.output());
    for (String check :
        List.of(
            "ok: partition 3 appended after the root: sector 172032, 172 MiB",
            "ok: ext4 labelled classgate-data",
            "ok: fstab: one line, by label, on /var/lib/classgate",
            "ok: second run: card image and fstab byte for byte the same, data kept",
            "ok: a blank partition 3 left by a stopped run is formatted in place",
            "ok: refused, card unchanged: expanded",
            "ok: refused, card unchanged: gpt",
            "ok: refused, card unchanged: foreign",
            "data-partition-test passed")) {
      assertTrue(test.output().contains(check), "missing '" + check + "' in:\n" + test.output());
    }
  }

  @Test
  void everyShellScriptPassesShellcheck() throws Exception {
    assumeTrue(Executables.onPath("shellcheck"), "needs shellcheck");
    List<String> command = new ArrayList<>(List.of("shellcheck", "--severity=style"));
    for (String script :
        List.of(
            "scripts/classgate",
            "scripts/run",
            "scripts/test",
            "scripts/package",
            "scripts/classgate-dhcp-event",
            "scripts/classgate-hostapd-event",
            "scripts/bench/bench-rss",
            "system-images/debian/postinst",
            "system-images/debian/prerm",
            "system-images/debian/postrm",
            "system-images/test/bookworm-root",
            "system-images/test/package-test",
            "system-images/test/stage-dry-run",
            "system-images/test/data-partition-test",
            "system-images/pi-gen/stage-classgate/prerun.sh",
            "system-images/pi-gen/stage-classgate/00-classgate/01-run.sh",
            "system-images/pi-gen/stage-classgate/00-classgate/files/classgate-data-partition")) {
      Path path = REPO.resolve(script);
      assertTrue(Files.isRegularFile(path), script);
      command.add(path.toString());
    }
    Result shellcheck = run(command, Map.of(), 120);
    assertEquals(0, shellcheck.status(), shellcheck.output());
  }

  private Path build(String version) throws Exception {
    Result built =
        run(
            List.of(
                REPO.resolve("scripts/package").toString(),
                "--version",
                version,
                "--jar",
                JAR.toString(),
                "--output",
                dir.toString()),
            Map.of(),
            300);
    assertEquals(0, built.status(), built.output());
    Path deb = dir.resolve("classgate_" + version + "_all.deb");
    assertTrue(Files.isRegularFile(deb), built.output());
    return deb;
  }

  private record Result(int status, String output) {}

  private Result run(List<String> command, Map<String, String> env, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "run", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError(
          command.get(0) + " timed out; output:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
