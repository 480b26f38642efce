/**
 * The SQLite adapters of the filtering policy: {@link
 * org.classgate.filter.store.SqliteAllowanceStore} and {@link
 * org.classgate.filter.store.SqliteChangeLog}. The only filter package that touches JDBC (an
 * ArchUnit rule enforces it); tables come from migration {@code 002-filter-policy.sql}.
 */
package org.classgate.filter.store;
