/**
 * The filtering change-control log: who changed what, when, why and who approved it, append-only
 * and chained with SHA-256 so that editing, deleting or reordering rows is detected ({@link
 * org.classgate.filter.changelog.ChangeChain}, {@link org.classgate.filter.changelog.ChainWalk}).
 * Pure domain code: the SQLite adapter is {@code org.classgate.filter.store.SqliteChangeLog}.
 */
package org.classgate.filter.changelog;
