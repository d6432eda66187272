package io.flowline.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on 127.0.0.1 to the API server, so a test can take the network away from one operator process
 * without touching the shared cluster: {@link #cut()} closes the listener and every open connection (new ones
 * are refused), {@link #restore()} listens on the same port again. TLS passes through untouched.
 */
final class TcpProxy implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private final InetSocketAddress target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final int port;
  private volatile ServerSocket listener;

  private TcpProxy(InetSocketAddress target) {
    this.target = target;
    this.listener = listen(0);
    this.port = listener.getLocalPort();
    acceptOn(listener);
  }

  static TcpProxy to(String host, int port) {
    return new TcpProxy(new InetSocketAddress(host, port));
  }

  int port() {
    return port;
  }

  /** Takes the API server away: the listener and every relayed connection close; new connections are refused. */
  synchronized void cut() {
    closeQuietly(listener);
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
  }

  /** Relays again, on the same port. */
  synchronized void restore() {
    if (!listener.isClosed()) {
      return;
    }
    listener = listen(port);
    acceptOn(listener);
  }

  @Override
  public void close() {
    cut();
  }

  private static ServerSocket listen(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      // The port was ours a moment ago; its closed connections must not keep us from listening on it again.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
  }

  private void acceptOn(ServerSocket socket) {
    daemon("proxy-accept-" + port, () -> {
      while (!socket.isClosed()) {
        try {
          relay(socket.accept());
        } catch (IOException closed) {
          // cut() closed the listener.
        }
      }
    });
  }

  private void relay(Socket client) {
    Socket server = new Socket();
    open.add(client);
    open.add(server);
    try {
      server.connect(target, CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      closePair(client, server);
      return;
    }
    daemon("proxy-up-" + port, () -> pump(client, server));
    daemon("proxy-down-" + port, () -> pump(server, client));
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (SocketException closed) {
      // One side went away, or cut(): the pair ends below.
    } catch (IOException e) {
      // The same: a relay has no one to report to but the sockets.
    } finally {
      closePair(from, to);
    }
  }

  private void closePair(Socket a, Socket b) {
    closeQuietly(a);
    closeQuietly(b);
    open.remove(a);
    open.remove(b);
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // Closing is all we wanted.
    }
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }
}
