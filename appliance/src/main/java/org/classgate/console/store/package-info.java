/** The console's SQLite adapters: accounts, the login record, unblock requests (migration 007). */
package org.classgate.console.store;
