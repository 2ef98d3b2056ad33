package dev.copgraph.neo4j;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community in this JVM with Bolt on 127.0.0.1:PORT until SIGTERM.
 *
 * <p>Usage: {@code Launcher HOME_DIR PORT [PASSWORD]}. With a password, auth is enabled and the
 * {@code neo4j} user gets it (so tests can check that a wrong password fails fast); without one,
 * auth is off. Prints {@code READY bolt://127.0.0.1:PORT} once Bolt accepts connections.
 *
 * <p>The page cache is 512 MiB, enough for the suite and 100k items; a larger store (the 1M-item
 * {@code make bench-scale}) sets {@code -Dcopgraph.pagecache.mib=N} to keep its graph in memory.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 2) {
      System.err.println("usage: Launcher HOME_DIR PORT [PASSWORD]");
      System.exit(2);
    }
    Path home = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    String password = args.length > 2 ? args[2] : "";
    SocketAddress bolt = new SocketAddress("127.0.0.1", port);
    long pagecache = Long.getLong("copgraph.pagecache.mib", 512L);

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, bolt)
            .setConfig(BoltConnector.advertised_address, bolt)
            .setConfig(GraphDatabaseSettings.auth_enabled, !password.isEmpty())
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecache))
            .setConfig(GraphDatabaseSettings.transaction_timeout, java.time.Duration.ofMinutes(10))
            .build();
    if (!password.isEmpty()) {
      dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
          .executeTransactionally(
              "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
              Map.of("password", password));
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  dbms.shutdown();
                  stopped.countDown();
                }));
    System.out.println("READY bolt://127.0.0.1:" + port);
    System.out.flush();
    stopped.await();
  }
}
