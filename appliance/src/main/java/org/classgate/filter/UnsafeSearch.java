package org.classgate.filter;

/**
 * The built-in category of search engines without an enforceable safe mode. Its list, {@value
 * #RESOURCE} beside {@link ListLoader} (loaded with {@link ListLoader#loadResource}), names engines
 * that have no safe endpoint to rewrite to, so a profile whose SafeSearch is on blocks them
 * instead; the resource's header says what is on it and why.
 *
 * <p>The category is always available, without a {@code lists.} key: a profile names it in its
 * block list like any other category, and the built-in profiles block it exactly when their
 * SafeSearch is on.
 */
public final class UnsafeSearch {
  /** The category's name, also the built-in source's name ({@code builtin:unsafe-search}). */
  public static final String CATEGORY = "unsafe-search";

  /** The list, relative to {@link ListLoader}. */
  public static final String RESOURCE = "unsafe-search-engines.txt";

  private UnsafeSearch() {}
}
