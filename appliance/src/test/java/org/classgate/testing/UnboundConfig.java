package org.classgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the configuration and the {@code test.} zone file of an {@link UnboundUpstream}. */
final class UnboundConfig {
  private UnboundConfig() {}

  static void write(
      Path directory,
      int port,
      List<String> zoneRecords,
      List<String> localZones,
      List<String> localData,
      boolean logQueries) {
    Path zoneFile = directory.resolve("test.zone");
    StringBuilder conf = new StringBuilder();
    conf.append("server:\n");
    line(conf, "interface: 127.0.0.1@" + port);
    line(conf, "port: " + port);
    line(conf, "interface-automatic: no");
    line(conf, "do-ip4: yes");
    line(conf, "do-ip6: no");
    line(conf, "do-udp: yes");
    line(conf, "do-tcp: yes");
    line(conf, "access-control: 127.0.0.0/8 allow");
    line(conf, "do-daemonize: no");
    line(conf, "chroot: \"\"");
    line(conf, "username: \"\"");
    line(conf, "use-syslog: no");
    line(conf, "logfile: \"\"");
    line(conf, "verbosity: 1");
    line(conf, "log-queries: " + (logQueries ? "yes" : "no"));
    line(conf, "directory: \"" + directory + "\"");
    line(conf, "pidfile: \"" + directory.resolve("unbound.pid") + "\"");
    line(conf, "num-threads: 1");
    line(conf, "so-reuseport: no");
    // No DNSSEC validation: the test zone is unsigned and there is no trust anchor to fetch.
    line(conf, "module-config: \"iterator\"");
    // Refuse everything that is not test data, so no query ever goes to the internet.
    line(conf, "local-zone: \".\" refuse");
    // test. is one of unbound's default local zones (RFC 6761); pass it to the auth-zone below.
    line(conf, "local-zone: \"test.\" transparent");
    for (String zone : localZones) {
      line(conf, "local-zone: " + zone);
    }
    for (String record : localData) {
      line(conf, "local-data: '" + record + "'");
    }
    // for-upstream makes the iterator resolve test. from the zone file, so answers look like a
    // recursive resolver's: CNAME chains followed, RA set, negative answers with the SOA.
    conf.append("auth-zone:\n");
    line(conf, "name: \"test.\"");
    line(conf, "zonefile: \"" + zoneFile + "\"");
    line(conf, "for-upstream: yes");
    line(conf, "for-downstream: no");
    line(conf, "fallback-enabled: no");
    try {
      Files.writeString(directory.resolve("unbound.conf"), conf, StandardCharsets.US_ASCII);
      Files.writeString(zoneFile, zone(zoneRecords), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write unbound configuration in " + directory, e);
    }
  }

  private static String zone(List<String> extraRecords) {
    StringBuilder zone = new StringBuilder();
    zone.append("$ORIGIN test.\n");
    zone.append("@ 3600 IN SOA ns.test. hostmaster.test. 1 3600 600 86400 ")
        .append(UnboundUpstream.NEGATIVE_TTL)
        .append('\n');
    zone.append("@ 3600 IN NS ns.test.\n");
    zone.append("ns 3600 IN A 192.0.2.53\n");
    zone.append("allowed 3600 IN A ").append(UnboundUpstream.ALLOWED_ADDRESS).append('\n');
    zone.append("*.allowed 3600 IN A ").append(UnboundUpstream.ALLOWED_ADDRESS).append('\n');
    zone.append("chain 60 IN CNAME chain1\n");
    zone.append("chain1 60 IN CNAME chain2\n");
    zone.append("chain2 60 IN A ").append(UnboundUpstream.CNAME_CHAIN_ADDRESS).append('\n');
    for (int i = 0; i < UnboundUpstream.LARGE_TXT_COUNT; i++) {
      // About 100 bytes per record: 20 records exceed the 1232-byte EDNS default (DNS flag day
      // 2020) and the 512 bytes of plain DNS, so UDP answers must be truncated.
      zone.append(String.format("big 60 IN TXT \"record-%02d-%s\"%n", i, "x".repeat(88)));
    }
    for (int i = 1; i <= UnboundUpstream.LARGE_A_COUNT; i++) {
      zone.append("many 60 IN A 198.51.100.").append(i).append('\n');
    }
    for (String record : extraRecords) {
      zone.append(record).append('\n');
    }
    return zone.toString();
  }

  private static void line(StringBuilder conf, String setting) {
    conf.append("  ").append(setting).append('\n');
  }
}
