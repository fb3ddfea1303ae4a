/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.sqlite;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.spi.EventStore;
import dev.lambdaembedded.api.spi.StoredEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;

/**
 * A durable event store: the events of asynchronous invocation in one SQLite file, in WAL mode,
 * surviving a crash of the host process and, with {@link Synchronous#FULL} (the default), a power
 * loss.
 *
 * {@snippet :
 * try (SqliteEventStore store = SqliteEventStore.open(Path.of("data/events.db"))) {
 *   store.enqueue(List.of(event)); // returns once the event is committed to disk
 * }
 * }
 *
 * <h2>Durability</h2>
 *
 * <p>{@link #enqueue} returns after the transaction holding the events committed; {@link
 * #complete}, {@link #reschedule}, {@link #deadLetter}, {@link #claim} and {@link
 * #recoverExpiredLeases} each return after their own commit. What a commit survives depends on
 * {@link Options#synchronous()}:
 *
 * <ul>
 *   <li>{@link Synchronous#FULL} (default): the write-ahead log is fsynced at every commit, so a
 *       returned call survives a process crash ({@code kill -9}), an operating-system crash and a
 *       power loss (as far as the disk honours fsync).
 *   <li>{@link Synchronous#NORMAL}: the log is fsynced only at checkpoints. A returned call
 *       survives a crash of the process, since the log is written to the operating system before
 *       the call returns, but the last commits can roll back after a power loss or an
 *       operating-system crash (the file itself stays consistent). Commits are several times
 *       faster.
 * </ul>
 *
 * <p>Measured on the build machine (JDK 25, a shared virtual disk whose fsync takes 3&ndash;5 ms;
 * the module's {@code EnqueueThroughputTest}: 8 threads, each enqueuing one 256-byte event per call
 * for 3 s), in events per second:
 *
 * <ul>
 *   <li>{@code FULL}, one transaction per call: about 300; with group commit: about 2,300.
 *   <li>{@code NORMAL}, one transaction per call: about 4,200; with group commit: about 8,500.
 * </ul>
 *
 * <p>Group commit gains at most the number of callers waiting together (8 here). Under {@code kill
 * -9} at random moments (the module's {@code SqliteCrashTest}: a child JVM enqueuing from four
 * threads and claiming, completing, rescheduling and dead-lettering from a fifth, killed five
 * times, in both commit modes and both settings) no acknowledged enqueue or outcome was lost, and
 * the events that ran again were those whose leases the kills cut short.
 *
 * <p>Delivery stays at least once: an event claimed by a process that then died keeps its lease in
 * the file; after a restart {@link #recoverExpiredLeases} makes it claimable again, and it runs
 * again.
 *
 * <h2>Group commit</h2>
 *
 * <p>With {@link Options#groupCommit()} (the default), {@link #enqueue} hands its events to one
 * writer thread, named {@code lambda-sqlite-writer-<file name>}, and blocks until they are
 * committed; the writer puts every call waiting at that moment into one transaction, so one fsync
 * acknowledges many callers. A call whose request id is already stored fails alone ({@link
 * IllegalArgumentException}): the others in its transaction are stored. Without group commit each
 * call commits its own transaction on the caller's thread.
 *
 * <p>The writer is a platform thread: a commit waits for its fsync inside native code, which would
 * pin a virtual thread to its carrier. A virtual thread that calls {@link #enqueue} with group
 * commit parks on the writer instead; the other methods run SQLite on the caller's thread.
 *
 * <h2>Time</h2>
 *
 * <p>Times are stored as nanoseconds since the epoch, so an event comes back exactly as it was
 * stored; that covers 1677-09-21 to 2262-04-11. An event time outside that range is refused; a
 * {@code now} outside it is clamped.
 *
 * <h2>Running it</h2>
 *
 * <p>sqlite-jdbc loads a native library (JNI). From JDK 24 on, start the host with {@code
 * --enable-native-access=org.xerial.sqlitejdbc} on the module path, or {@code
 * --enable-native-access=ALL-UNNAMED} on the class path (JEP 472); without it the JVM prints a
 * warning, and a future JDK will refuse to load the library.
 *
 * <p>One process uses a file at a time: the store is made for one host. It is thread-safe; the
 * threads of a host share one connection, taken in turn, and a claim is one transaction. Close the
 * store when the host stops: {@link #close()} commits what is queued, stops the writer thread and
 * closes the file; every method then throws {@link IllegalStateException}. Storage failures throw
 * {@link SqliteStoreException}.
 */
public final class SqliteEventStore implements EventStore {

  /*
   * One connection, guarded by dbLock: SQLite allows one writer per file anyway, and every
   * operation but the reads writes. Transactions are opened with explicit BEGIN IMMEDIATE (the
   * driver stays in auto-commit mode), so the write lock is taken when a transaction starts and a
   * claim's select and update see no other writer, even from another process.
   *
   * The writer is a platform thread, not a virtual one: it spends its time in native code (the
   * commit's fsync), which would pin a carrier thread. It is a daemon so a host that forgets
   * close() can still exit; SQLite's log makes a kill at any moment safe.
   *
   * enqueue, complete, reschedule, deadLetter -> pending (queueLock) -> writer drains all pending,
   * one transaction (a savepoint per enqueue call) -> commit -> each call's latch. Claims and
   * recoveries commit on their caller's thread: one dispatcher makes them, a batch at a time. close() sets stopping; the writer commits what is
   * pending and exits; no call can be queued after stopping, so no caller waits forever.
   */

  static final int SCHEMA_VERSION = 1;

  /** The most events the writer puts into one transaction; one call's events always go together. */
  private static final int MAX_BATCH_EVENTS = 4096;

  /** The most payload bytes the writer puts into one transaction, same rule. */
  private static final long MAX_BATCH_BYTES = 16L << 20;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private static final String COLUMNS =
      "request_id, qualifier, payload, enqueued_at, due_at, attempts, requeues";

  private static final System.Logger LOG = System.getLogger(SqliteEventStore.class.getName());

  private final Path file;
  private final Options options;

  private final ReentrantLock dbLock = new ReentrantLock();
  private final Connection connection;
  private final Statement control;
  private final PreparedStatement insert;
  private final PreparedStatement selectDue;
  private final PreparedStatement setLease;
  private final PreparedStatement deleteClaimed;
  private final PreparedStatement rescheduleClaimed;
  private final PreparedStatement copyToDeadLetters;
  private final PreparedStatement recover;
  private final PreparedStatement nextDue;
  private final PreparedStatement count;
  private final PreparedStatement selectDeadLetters;
  private volatile boolean closed;

  private final ReentrantLock queueLock = new ReentrantLock();
  private final Condition queued = queueLock.newCondition();
  private final ArrayDeque<Write> pending = new ArrayDeque<>();
  private boolean stopping;
  private final @Nullable Thread writer;

  /** How a commit reaches the disk: SQLite's {@code PRAGMA synchronous}, in WAL mode. */
  public enum Synchronous {
    /** Fsync the log at every commit: commits survive a process crash and a power loss. */
    FULL,
    /**
     * Fsync the log only at checkpoints: commits survive a process crash; the last ones can roll
     * back after a power loss or an operating-system crash.
     */
    NORMAL
  }

  /**
   * The settings of a store.
   *
   * @param synchronous how commits reach the disk; {@link Synchronous#FULL} by default
   * @param groupCommit whether concurrent writes ({@link SqliteEventStore#enqueue}, {@code
   *     complete}, {@code reschedule}, {@code deadLetter}) share transactions through a writer
   *     thread ({@code true} by default), or each commits its own on its caller's thread
   * @param busyTimeout how long a transaction waits for a lock another connection holds before it
   *     fails, {@link #DEFAULT_BUSY_TIMEOUT} by default; from zero to {@link Integer#MAX_VALUE}
   *     milliseconds
   */
  public record Options(Synchronous synchronous, boolean groupCommit, Duration busyTimeout) {

    /** The default busy timeout: five seconds. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if the busy timeout is negative or longer than {@link
     *     Integer#MAX_VALUE} milliseconds
     */
    public Options {
      requireNonNull(synchronous, "synchronous");
      requireNonNull(busyTimeout, "busyTimeout");
      if (busyTimeout.isNegative()
          || busyTimeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
        throw new IllegalArgumentException(
            "busyTimeout must be from 0 to " + Integer.MAX_VALUE + " ms: " + busyTimeout);
      }
    }

    /**
     * Returns the default settings: {@link Synchronous#FULL}, group commit, a five-second busy
     * timeout.
     *
     * @return the settings
     */
    public static Options ofDefaults() {
      return new Options(Synchronous.FULL, true, DEFAULT_BUSY_TIMEOUT);
    }

    /**
     * Returns these settings with another {@code synchronous} setting.
     *
     * @param newSynchronous the setting
     * @return the settings
     */
    public Options withSynchronous(Synchronous newSynchronous) {
      return new Options(newSynchronous, groupCommit, busyTimeout);
    }

    /**
     * Returns these settings with group commit on or off.
     *
     * @param newGroupCommit {@code true} for a writer thread batching concurrent writes
     * @return the settings
     */
    public Options withGroupCommit(boolean newGroupCommit) {
      return new Options(synchronous, newGroupCommit, busyTimeout);
    }

    /**
     * Returns these settings with another busy timeout.
     *
     * @param newBusyTimeout from zero to {@link Integer#MAX_VALUE} milliseconds
     * @return the settings
     * @throws IllegalArgumentException if the timeout is out of range
     */
    public Options withBusyTimeout(Duration newBusyTimeout) {
      return new Options(synchronous, groupCommit, newBusyTimeout);
    }
  }

  /**
   * A write a caller hands to the writer thread and waits for: its effect is committed with the
   * other writes of the same batch, and the caller returns only after that commit.
   */
  private abstract static class Write {
    final CountDownLatch done = new CountDownLatch(1);
    @Nullable Throwable failure;

    /** Events it stores, toward {@link #MAX_BATCH_EVENTS}. */
    int events() {
      return 1;
    }

    /** Payload bytes it stores, toward {@link #MAX_BATCH_BYTES}. */
    long bytes() {
      return 0;
    }

    /** Applies it inside the batch's open transaction; a refusal of its own stays its own. */
    abstract void apply(SqliteEventStore store) throws SQLException;

    /**
     * Applies it inside the batch's open transaction without isolating a refusal: returns {@code
     * false} when it was refused, and the batch is then rolled back and applied again with {@link
     * #apply}.
     */
    boolean applyUnlessRefused(SqliteEventStore store) throws SQLException {
      apply(store);
      return true;
    }
  }

  /** An enqueue call: all its events or none, in a savepoint of its own. */
  private static final class Enqueue extends Write {
    final List<StoredEvent> batch;
    final long bytes;
    @Nullable UUID duplicate;

    Enqueue(List<StoredEvent> batch) {
      this.batch = batch;
      long sum = 0;
      for (StoredEvent event : batch) {
        sum += event.payload().length;
      }
      this.bytes = sum;
    }

    @Override
    int events() {
      return batch.size();
    }

    @Override
    long bytes() {
      return bytes;
    }

    @Override
    void apply(SqliteEventStore store) throws SQLException {
      store.control.execute("SAVEPOINT enqueue_call");
      duplicate = store.insertAll(batch);
      if (duplicate != null) {
        store.control.execute("ROLLBACK TO enqueue_call");
      }
      store.control.execute("RELEASE enqueue_call");
    }

    @Override
    boolean applyUnlessRefused(SqliteEventStore store) throws SQLException {
      return store.insertAll(batch) == null;
    }
  }

  private static final class Complete extends Write {
    final UUID requestId;

    Complete(UUID requestId) {
      this.requestId = requestId;
    }

    @Override
    void apply(SqliteEventStore store) throws SQLException {
      store.deleteClaimedRow(requestId);
    }
  }

  private static final class Reschedule extends Write {
    final StoredEvent event;

    Reschedule(StoredEvent event) {
      this.event = event;
    }

    @Override
    long bytes() {
      return event.payload().length;
    }

    @Override
    void apply(SqliteEventStore store) throws SQLException {
      store.rescheduleRow(event);
    }
  }

  private static final class MoveToDeadLetters extends Write {
    final UUID requestId;
    final String reason;

    MoveToDeadLetters(UUID requestId, String reason) {
      this.requestId = requestId;
      this.reason = reason;
    }

    @Override
    void apply(SqliteEventStore store) throws SQLException {
      store.moveToDeadLetters(requestId, reason);
    }
  }

  private SqliteEventStore(Path file, Options options, Connection connection) throws SQLException {
    this.file = file;
    this.options = options;
    this.connection = connection;
    this.control = connection.createStatement();
    this.insert =
        connection.prepareStatement(
            "INSERT INTO events (" + COLUMNS + ", lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)");
    this.selectDue =
        connection.prepareStatement(
            "SELECT rowid, "
                + COLUMNS
                + " FROM events WHERE lease_until IS NULL AND due_at <= ?"
                + " ORDER BY due_at, enqueued_at, rowid LIMIT ?");
    this.setLease =
        connection.prepareStatement("UPDATE events SET lease_until = ? WHERE rowid = ?");
    this.deleteClaimed =
        connection.prepareStatement(
            "DELETE FROM events WHERE request_id = ? AND lease_until IS NOT NULL");
    this.rescheduleClaimed =
        connection.prepareStatement(
            "UPDATE events SET qualifier = ?, payload = ?, enqueued_at = ?, due_at = ?,"
                + " attempts = ?, requeues = ?, lease_until = NULL"
                + " WHERE request_id = ? AND lease_until IS NOT NULL");
    this.copyToDeadLetters =
        connection.prepareStatement(
            "INSERT INTO dead_letters ("
                + COLUMNS
                + ", reason) SELECT "
                + COLUMNS
                + ", ? FROM events WHERE request_id = ? AND lease_until IS NOT NULL");
    this.recover =
        connection.prepareStatement("UPDATE events SET lease_until = NULL WHERE lease_until <= ?");
    this.nextDue =
        connection.prepareStatement(
            "SELECT due_at FROM events WHERE lease_until IS NULL ORDER BY due_at LIMIT 1");
    this.count = connection.prepareStatement("SELECT count(*) FROM events");
    this.selectDeadLetters =
        connection.prepareStatement(
            "SELECT " + COLUMNS + ", reason FROM dead_letters ORDER BY seq");
    // last: the thread refers to this store; open() starts it
    this.writer =
        options.groupCommit()
            ? Thread.ofPlatform()
                .name("lambda-sqlite-writer-" + file.getFileName())
                .daemon(true)
                .unstarted(this::writeLoop)
            : null;
  }

  /**
   * Opens the store in {@code file} with the {@linkplain Options#ofDefaults() default settings}:
   * {@link Synchronous#FULL}, group commit. Creates the file, its missing parent directories and
   * the tables when they do not exist.
   *
   * @param file the database file
   * @return the open store; close it
   * @throws SqliteStoreException if the file cannot be opened or created, is no database, or was
   *     written by a newer version of this store
   */
  public static SqliteEventStore open(Path file) {
    return open(file, Options.ofDefaults());
  }

  /**
   * Opens the store in {@code file}. Creates the file, its missing parent directories and the
   * tables when they do not exist.
   *
   * @param file the database file
   * @param options the settings
   * @return the open store; close it
   * @throws SqliteStoreException if the file cannot be opened or created, is no database, or was
   *     written by a newer version of this store
   */
  public static SqliteEventStore open(Path file, Options options) {
    requireNonNull(file, "file");
    requireNonNull(options, "options");
    Path absolute = file.toAbsolutePath();
    Path parent = absolute.getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new SqliteStoreException("Cannot create the directory of " + absolute, e);
    }
    Connection connection;
    try {
      connection = connect(absolute, options);
    } catch (SQLException e) {
      throw new SqliteStoreException("Cannot open " + absolute + ": " + e.getMessage(), e);
    }
    SqliteEventStore store;
    try {
      createSchema(connection);
      store = new SqliteEventStore(absolute, options, connection);
    } catch (SQLException | RuntimeException e) {
      try {
        connection.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      if (e instanceof SqliteStoreException failure) {
        throw failure;
      }
      throw new SqliteStoreException("Cannot open " + absolute + ": " + e.getMessage(), e);
    }
    if (store.writer != null) {
      store.writer.start();
    }
    return store;
  }

  private static Connection connect(Path file, Options options) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(
        switch (options.synchronous()) {
          case FULL -> SQLiteConfig.SynchronousMode.FULL;
          case NORMAL -> SQLiteConfig.SynchronousMode.NORMAL;
        });
    config.setBusyTimeout((int) options.busyTimeout().toMillis());
    Connection connection = config.createConnection("jdbc:sqlite:" + file);
    try (Statement statement = connection.createStatement()) {
      String mode = queryString(statement, "PRAGMA journal_mode");
      if (!mode.equalsIgnoreCase("wal")) {
        throw new SQLException(
            "WAL mode is not available for this file (journal_mode " + mode + ")");
      }
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  private static void createSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      try {
        long version = Long.parseLong(queryString(statement, "PRAGMA user_version"));
        if (version > SCHEMA_VERSION) {
          throw new SQLException(
              "written by a newer version of SqliteEventStore (schema version "
                  + version
                  + ", this one reads "
                  + SCHEMA_VERSION
                  + ")");
        }
        if (version < SCHEMA_VERSION) {
          // Times are nanoseconds since the epoch; lease_until NULL means waiting, else claimed.
          statement.execute(
              """
              CREATE TABLE IF NOT EXISTS events (
                request_id  TEXT PRIMARY KEY,
                qualifier   TEXT NOT NULL,
                payload     BLOB NOT NULL,
                enqueued_at INTEGER NOT NULL,
                due_at      INTEGER NOT NULL,
                attempts    INTEGER NOT NULL,
                requeues    INTEGER NOT NULL,
                lease_until INTEGER
              )""");
          statement.execute(
              "CREATE INDEX IF NOT EXISTS events_waiting ON events (due_at, enqueued_at)"
                  + " WHERE lease_until IS NULL");
          statement.execute(
              "CREATE INDEX IF NOT EXISTS events_leased ON events (lease_until)"
                  + " WHERE lease_until IS NOT NULL");
          statement.execute(
              """
              CREATE TABLE IF NOT EXISTS dead_letters (
                seq         INTEGER PRIMARY KEY,
                request_id  TEXT NOT NULL,
                qualifier   TEXT NOT NULL,
                payload     BLOB NOT NULL,
                enqueued_at INTEGER NOT NULL,
                due_at      INTEGER NOT NULL,
                attempts    INTEGER NOT NULL,
                requeues    INTEGER NOT NULL,
                reason      TEXT NOT NULL
              )""");
          statement.execute("PRAGMA user_version = " + SCHEMA_VERSION);
        }
        statement.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(statement, e);
        throw e;
      }
    }
  }

  private static String queryString(Statement statement, String sql) throws SQLException {
    try (ResultSet row = statement.executeQuery(sql)) {
      if (!row.next()) {
        throw new SQLException("No result for " + sql);
      }
      return String.valueOf(row.getString(1));
    }
  }

  /**
   * Stores events, all or none, and returns once their transaction is committed. With group commit
   * the call waits for the writer thread; an interrupt does not cut the wait short (the commit is
   * moments away) and stays set on return.
   *
   * @param events the events, each with a request id not stored yet
   * @throws IllegalArgumentException if a request id is already stored (waiting or claimed), or
   *     appears twice in {@code events}, or an event time is outside 1677-09-21 to 2262-04-11; no
   *     event of the call is stored
   * @throws IllegalStateException if the store is closed
   * @throws SqliteStoreException if the file cannot be written
   */
  @Override
  public void enqueue(List<StoredEvent> events) {
    List<StoredEvent> copy = List.copyOf(requireNonNull(events, "events"));
    for (StoredEvent event : copy) {
      checkedNanos(event.enqueuedAt(), "enqueuedAt");
      checkedNanos(event.dueAt(), "dueAt");
    }
    if (copy.isEmpty()) {
      checkOpen();
      return;
    }
    if (options.groupCommit()) {
      enqueueThroughWriter(copy);
    } else {
      enqueueNow(copy);
    }
  }

  private void enqueueNow(List<StoredEvent> events) {
    UUID duplicate;
    dbLock.lock();
    try {
      checkOpen();
      control.execute("BEGIN IMMEDIATE");
      try {
        duplicate = insertAll(events);
        control.execute(duplicate == null ? "COMMIT" : "ROLLBACK");
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(control, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failure("enqueue", e);
    } finally {
      dbLock.unlock();
    }
    if (duplicate != null) {
      throw alreadyStored(duplicate);
    }
  }

  private void enqueueThroughWriter(List<StoredEvent> events) {
    Enqueue write = new Enqueue(events);
    submit(write, "enqueue");
    UUID duplicate = write.duplicate;
    if (duplicate != null) {
      throw alreadyStored(duplicate);
    }
  }

  /** Hands a write to the writer thread and waits until the commit that holds it. */
  private void submit(Write write, String operation) {
    queueLock.lock();
    try {
      if (stopping) {
        throw closedException();
      }
      pending.add(write);
      queued.signal();
    } finally {
      queueLock.unlock();
    }
    boolean interrupted = false;
    while (true) {
      try {
        write.done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable cause = write.failure;
    if (cause != null) {
      throw cause instanceof IllegalStateException closedNow
          ? new IllegalStateException(closedNow.getMessage(), closedNow)
          : new SqliteStoreException(
              "SqliteEventStore could not " + operation + " in " + file + ": " + cause.getMessage(),
              cause);
    }
  }

  private void writeLoop() {
    List<Write> batch = new ArrayList<>();
    while (true) {
      queueLock.lock();
      try {
        while (pending.isEmpty() && !stopping) {
          queued.awaitUninterruptibly();
        }
        if (pending.isEmpty()) {
          return;
        }
        int events = 0;
        long bytes = 0;
        while (!pending.isEmpty()
            && (batch.isEmpty() || (events < MAX_BATCH_EVENTS && bytes < MAX_BATCH_BYTES))) {
          Write write = pending.poll();
          batch.add(write);
          events += write.events();
          bytes += write.bytes();
        }
      } finally {
        queueLock.unlock();
      }
      try {
        commitBatch(batch);
      } catch (Throwable unexpected) {
        LOG.log(System.Logger.Level.ERROR, "SqliteEventStore writer failed on " + file, unexpected);
        for (Write write : batch) {
          write.failure = unexpected;
        }
      } finally {
        for (Write write : batch) {
          write.done.countDown();
        }
        batch.clear();
      }
    }
  }

  /**
   * Commits a batch of writes in one transaction. Savepoints cost a statement each, so the batch is
   * first applied without them; only when an enqueue is refused (a request id already stored, which
   * random ids make rare) is it rolled back and applied again with a savepoint per enqueue call, so
   * that the refused call stores nothing and the others are committed.
   */
  private void commitBatch(List<Write> batch) {
    dbLock.lock();
    try {
      checkOpen();
      if (!commitUnlessRefused(batch)) {
        control.execute("BEGIN IMMEDIATE");
        try {
          for (Write write : batch) {
            write.apply(this);
          }
          control.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(control, e);
          throw e;
        }
      }
    } catch (SQLException | IllegalStateException e) {
      for (Write write : batch) {
        if (write instanceof Enqueue enqueue) {
          enqueue.duplicate = null;
        }
        write.failure = e;
      }
    } finally {
      dbLock.unlock();
    }
  }

  /** Applies and commits the batch unless a write is refused; then rolls it back. */
  private boolean commitUnlessRefused(List<Write> batch) throws SQLException {
    control.execute("BEGIN IMMEDIATE");
    try {
      for (Write write : batch) {
        if (!write.applyUnlessRefused(this)) {
          control.execute("ROLLBACK");
          return false;
        }
      }
      control.execute("COMMIT");
      return true;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(control, e);
      throw e;
    }
  }

  /** Inserts the events; returns the first request id already stored, having stopped there. */
  private @Nullable UUID insertAll(List<StoredEvent> events) throws SQLException {
    for (StoredEvent event : events) {
      insert.setString(1, event.requestId().toString());
      insert.setString(2, event.qualifier());
      insert.setBytes(3, event.payload());
      insert.setLong(4, checkedNanos(event.enqueuedAt(), "enqueuedAt"));
      insert.setLong(5, checkedNanos(event.dueAt(), "dueAt"));
      insert.setInt(6, event.attempts());
      insert.setInt(7, event.requeues());
      try {
        insert.executeUpdate();
      } catch (SQLException e) {
        if (isConstraintViolation(e)) {
          return event.requestId();
        }
        throw e;
      }
    }
    return null;
  }

  /**
   * Claims events due at or before {@code now}, earliest due first (then earliest enqueued), in one
   * transaction: leases each until {@code now + lease}.
   *
   * @param now the runtime's time
   * @param max the most events to claim, zero or more
   * @param lease how long the claim holds, zero or more
   * @return the claimed events, possibly none
   * @throws IllegalArgumentException if {@code max} or {@code lease} is negative
   * @throws IllegalStateException if the store is closed
   * @throws SqliteStoreException if the file cannot be written
   */
  @Override
  public List<StoredEvent> claim(Instant now, int max, Duration lease) {
    requireNonNull(now, "now");
    requireNonNull(lease, "lease");
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative: " + max);
    }
    if (lease.isNegative()) {
      throw new IllegalArgumentException("lease must not be negative: " + lease);
    }
    long nowNanos = clampedNanos(now);
    long until = saturatedAdd(nowNanos, clampedNanos(lease));
    dbLock.lock();
    try {
      checkOpen();
      if (max == 0) {
        return List.of();
      }
      control.execute("BEGIN IMMEDIATE");
      try {
        List<StoredEvent> taken = new ArrayList<>(Math.min(max, 64));
        selectDue.setLong(1, nowNanos);
        selectDue.setInt(2, max);
        try (ResultSet rows = selectDue.executeQuery()) {
          while (rows.next()) {
            setLease.setLong(1, until);
            setLease.setLong(2, rows.getLong(1));
            setLease.addBatch();
            taken.add(readEvent(rows, 2));
          }
        }
        if (!taken.isEmpty()) {
          setLease.executeBatch();
        }
        control.execute("COMMIT");
        return taken;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(control, e);
        try {
          setLease.clearBatch();
        } catch (SQLException clearing) {
          e.addSuppressed(clearing);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw failure("claim", e);
    } finally {
      dbLock.unlock();
    }
  }

  /**
   * Removes a claimed event. An event that is not claimed (not stored, waiting, or claimable again
   * after its lease was recovered) is left as it is.
   *
   * @param requestId the event
   * @throws IllegalStateException if the store is closed
   * @throws SqliteStoreException if the file cannot be written
   */
  @Override
  public void complete(UUID requestId) {
    requireNonNull(requestId, "requestId");
    if (options.groupCommit()) {
      submit(new Complete(requestId), "complete");
      return;
    }
    locked(
        "complete",
        () -> {
          deleteClaimedRow(requestId);
          return null;
        });
  }

  private void deleteClaimedRow(UUID requestId) throws SQLException {
    deleteClaimed.setString(1, requestId.toString());
    deleteClaimed.executeUpdate();
  }

  /**
   * Stores a claimed event as given and makes it waiting again, due at its {@code dueAt}. An event
   * that is not claimed is left as it is.
   *
   * @param event the event as it should be stored now
   * @throws IllegalArgumentException if an event time is outside 1677-09-21 to 2262-04-11
   * @throws IllegalStateException if the store is closed
   * @throws SqliteStoreException if the file cannot be written
   */
  @Override
  public void reschedule(StoredEvent event) {
    requireNonNull(event, "event");
    checkedNanos(event.enqueuedAt(), "enqueuedAt");
    checkedNanos(event.dueAt(), "dueAt");
    if (options.groupCommit()) {
      submit(new Reschedule(event), "reschedule");
      return;
    }
    locked(
        "reschedule",
        () -> {
          rescheduleRow(event);
          return null;
        });
  }

  private void rescheduleRow(StoredEvent event) throws SQLException {
    rescheduleClaimed.setString(1, event.qualifier());
    rescheduleClaimed.setBytes(2, event.payload());
    rescheduleClaimed.setLong(3, checkedNanos(event.enqueuedAt(), "enqueuedAt"));
    rescheduleClaimed.setLong(4, checkedNanos(event.dueAt(), "dueAt"));
    rescheduleClaimed.setInt(5, event.attempts());
    rescheduleClaimed.setInt(6, event.requeues());
    rescheduleClaimed.setString(7, event.requestId().toString());
    rescheduleClaimed.executeUpdate();
  }

  /**
   * Moves a claimed event to the dead letters, in one transaction. An event that is not claimed is
   * left as it is.
   *
   * @param requestId the event
   * @param reason why it could not be delivered
   * @throws IllegalStateException if the store is closed
   * @throws SqliteStoreException if the file cannot be written
   */
  @Override
  public void deadLetter(UUID requestId, String reason) {
    requireNonNull(requestId, "requestId");
    requireNonNull(reason, "reason");
    if (options.groupCommit()) {
      submit(new MoveToDeadLetters(requestId, reason), "deadLetter");
      return;
    }
    dbLock.lock();
    try {
      checkOpen();
      control.execute("BEGIN IMMEDIATE");
      try {
        moveToDeadLetters(requestId, reason);
        control.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(control, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failure("deadLetter", e);
    } finally {
      dbLock.unlock();
    }
  }

  private void moveToDeadLetters(UUID requestId, String reason) throws SQLException {
    copyToDeadLetters.setString(1, reason);
    copyToDeadLetters.setString(2, requestId.toString());
    if (copyToDeadLetters.executeUpdate() > 0) {
      deleteClaimedRow(requestId);
    }
  }

  /**
   * Makes events whose lease ended before {@code now} claimable again, as they were before their
   * claim. After a restart, leases held by the process that stopped are still in the file: recover
   * them once they have expired.
   *
   * @param now the runtime's time
   * @return the events recovered
   * @throws IllegalStateException if the store is closed
   * @throws SqliteStoreException if the file cannot be written
   */
  @Override
  public int recoverExpiredLeases(Instant now) {
    requireNonNull(now, "now");
    return locked(
        "recoverExpiredLeases",
        () -> {
          recover.setLong(1, clampedNanos(now));
          return recover.executeUpdate();
        });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the store is closed
   * @throws SqliteStoreException if the file cannot be read
   */
  @Override
  public Optional<Instant> nextDue() {
    return locked(
        "nextDue",
        () -> {
          try (ResultSet row = nextDue.executeQuery()) {
            return row.next() ? Optional.of(instant(row.getLong(1))) : Optional.empty();
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the store is closed
   * @throws SqliteStoreException if the file cannot be read
   */
  @Override
  public long size() {
    return locked(
        "size",
        () -> {
          try (ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the store is closed
   * @throws SqliteStoreException if the file cannot be read
   */
  @Override
  public List<DeadLetter> deadLetters() {
    return locked(
        "deadLetters",
        () -> {
          List<DeadLetter> letters = new ArrayList<>();
          try (ResultSet rows = selectDeadLetters.executeQuery()) {
            while (rows.next()) {
              letters.add(new DeadLetter(readEvent(rows, 1), String.valueOf(rows.getString(8))));
            }
          }
          return List.copyOf(letters);
        });
  }

  /**
   * Closes the store: commits the enqueues already waiting for the writer, stops the writer thread
   * and closes the file. Events, leases and dead letters stay in the file. Calling it again does
   * nothing; every other method then throws {@link IllegalStateException}.
   *
   * @throws SqliteStoreException if the file cannot be closed cleanly (it stays consistent)
   */
  @Override
  public void close() {
    queueLock.lock();
    try {
      stopping = true;
      queued.signalAll();
    } finally {
      queueLock.unlock();
    }
    Thread thread = writer;
    if (thread != null && thread != Thread.currentThread()) {
      joinUninterruptibly(thread);
    }
    dbLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      connection.close();
    } catch (SQLException e) {
      throw failure("close", e);
    } finally {
      dbLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "SqliteEventStore[" + file + ", " + options + "]";
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static StoredEvent readEvent(ResultSet row, int first) throws SQLException {
    byte[] payload = row.getBytes(first + 2);
    return new StoredEvent(
        UUID.fromString(String.valueOf(row.getString(first))),
        String.valueOf(row.getString(first + 1)),
        payload == null ? new byte[0] : payload,
        instant(row.getLong(first + 3)),
        instant(row.getLong(first + 4)),
        row.getInt(first + 5),
        row.getInt(first + 6));
  }

  /** A step on the connection that may fail with an {@link SQLException}. */
  @FunctionalInterface
  private interface SqlStep<T extends @Nullable Object> {
    T run() throws SQLException;
  }

  /**
   * Runs a step on the open connection under the connection's lock, turning an {@link SQLException}
   * into a {@link SqliteStoreException} naming the operation.
   */
  private <T extends @Nullable Object> T locked(String operation, SqlStep<T> step) {
    dbLock.lock();
    try {
      checkOpen();
      return step.run();
    } catch (SQLException e) {
      throw failure(operation, e);
    } finally {
      dbLock.unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw closedException();
    }
  }

  private IllegalStateException closedException() {
    return new IllegalStateException("SqliteEventStore is closed: " + file);
  }

  private SqliteStoreException failure(String operation, SQLException e) {
    return new SqliteStoreException(
        "SqliteEventStore." + operation + " failed on " + file + ": " + e.getMessage(), e);
  }

  private static IllegalArgumentException alreadyStored(UUID requestId) {
    return new IllegalArgumentException("Event already stored: " + requestId);
  }

  private static void rollbackQuietly(Statement statement, Exception cause) {
    try {
      statement.execute("ROLLBACK");
    } catch (SQLException e) {
      if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("no transaction")) {
        cause.addSuppressed(e);
      }
    }
  }

  private static boolean isConstraintViolation(SQLException e) {
    // SQLITE_CONSTRAINT, in the low byte of the primary or extended result code
    return (e.getErrorCode() & 0xFF) == 19;
  }

  /** Returns the instant as nanoseconds since the epoch, refusing one outside a long's range. */
  private static long checkedNanos(Instant instant, String name) {
    try {
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          name
              + " must be in 1677-09-21 to 2262-04-11 (nanoseconds since the epoch in a long): "
              + instant,
          e);
    }
  }

  /** Returns the instant as nanoseconds since the epoch, clamped to a long's range. */
  private static long clampedNanos(Instant instant) {
    try {
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    } catch (ArithmeticException e) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static long clampedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }
}
