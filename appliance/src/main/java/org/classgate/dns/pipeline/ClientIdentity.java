package org.classgate.dns.pipeline;

import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;

/** Attaches the client's filtering profile to the query, for the policy stages below. */
public final class ClientIdentity implements DnsStage {
  private final ClientProfiles profiles;

  public ClientIdentity(ClientProfiles profiles) {
    this.profiles = profiles;
  }

  @Override
  public CompletableFuture<Answer> resolve(DnsQuery query, Next next) {
    query.identified(profiles.profileFor(query.client()));
    return next.resolve(query);
  }
}
