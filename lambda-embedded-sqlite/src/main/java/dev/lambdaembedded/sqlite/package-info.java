/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * A durable {@link dev.lambdaembedded.api.spi.EventStore}: {@link
 * dev.lambdaembedded.sqlite.SqliteEventStore} keeps the events of asynchronous invocation in one
 * SQLite file, so accepted events survive a restart of the host.
 *
 * <p>The durability contract, in short: an event is acknowledged when {@code enqueue} returns, and
 * an acknowledged event is never lost to a crash of the process. With {@code Synchronous.FULL} (the
 * default) it also survives a power loss or an operating-system crash; with {@code
 * Synchronous.NORMAL} the last commits before such a crash can roll back. Delivery is at least
 * once: an event claimed when the process died is recovered after a restart and runs again. The
 * class javadoc gives the details, the measured throughput, and the JVM flag hosts need for the
 * driver's native library.
 */
@NullMarked
package dev.lambdaembedded.sqlite;

import org.jspecify.annotations.NullMarked;
