/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import org.jspecify.annotations.NullMarked;

/**
 * A durable {@link dev.lambdaembedded.api.spi.EventStore} for asynchronous invocation: one SQLite
 * file, through the xerial sqlite-jdbc driver. Hosts use {@code
 * dev.lambdaembedded.sqlite.SqliteEventStore#open}.
 *
 * <p>sqlite-jdbc loads a native library (JNI). From JDK 24 on, a host grants it native access (JEP
 * 472) with {@code --enable-native-access=org.xerial.sqlitejdbc} when it runs on the module path,
 * or {@code --enable-native-access=ALL-UNNAMED} on the class path; without the flag the JVM prints
 * a warning today, and a future release will refuse the load.
 */
@NullMarked
module dev.lambdaembedded.sqlite {
  requires transitive dev.lambdaembedded.api;
  requires java.sql;
  requires org.xerial.sqlitejdbc;
  requires static transitive org.jspecify;

  exports dev.lambdaembedded.sqlite;
}
