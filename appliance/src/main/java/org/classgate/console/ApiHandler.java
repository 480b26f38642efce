package org.classgate.console;

/** Answers one route. Returns what becomes the JSON body (maps, lists, strings, numbers). */
@FunctionalInterface
public interface ApiHandler {
  /**
   * @throws ApiException for a refusal the caller should see (4xx with its message)
   * @throws Exception anything else is a 500 with a generic message, logged
   */
  Object handle(ApiCall call) throws Exception;
}
