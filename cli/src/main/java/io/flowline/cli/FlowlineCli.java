package io.flowline.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flowline.cli.commands.CancelCommand;
import io.flowline.cli.commands.GetCommand;
import io.flowline.cli.commands.ListCommand;
import io.flowline.cli.commands.LogsCommand;
import io.flowline.cli.commands.PauseCommand;
import io.flowline.cli.commands.PipelinesCommand;
import io.flowline.cli.commands.RerunCommand;
import io.flowline.cli.commands.ResumeCommand;
import io.flowline.cli.commands.RetryCommand;
import io.flowline.cli.commands.SkipCommand;
import io.flowline.cli.commands.StartCommand;
import io.flowline.cli.commands.StopCommand;
import io.flowline.cli.commands.SuspendCommand;
import io.flowline.cli.commands.TriggerCommand;
import io.flowline.cli.commands.UnsuspendCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code kubectl flowline}: the root command. Holds the options every verb shares (kubectl's own -n, --kubeconfig,
 * --context) and the session a verb talks to the cluster through; each verb is a class in
 * {@link io.flowline.cli.commands}.
 */
@Command(name = "kubectl flowline", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Start, watch and control Flowline pipeline runs.",
    subcommands = {StartCommand.class, ListCommand.class, GetCommand.class, LogsCommand.class,
        PauseCommand.class, ResumeCommand.class, StopCommand.class, CancelCommand.class, RetryCommand.class,
        RerunCommand.class, SkipCommand.class, PipelinesCommand.class, SuspendCommand.class,
        UnsuspendCommand.class, TriggerCommand.class},
    footer = {"", ExitCodes.HELP})
public final class FlowlineCli implements Runnable {
  @Option(names = {"-n", "--namespace"}, scope = ScopeType.INHERIT, paramLabel = "NAMESPACE",
      description = "Namespace (default: the kubeconfig context's, else default).")
  String namespace;

  @Option(names = "--kubeconfig", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
  String kubeconfig;

  @Option(names = "--context", scope = ScopeType.INHERIT, paramLabel = "CONTEXT",
      description = "Kubeconfig context (default: the current context).")
  String context;

  private final Function<KubeOptions, KubernetesClient> clients;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;
  private Session session;

  public FlowlineCli(Function<KubeOptions, KubernetesClient> clients, PrintWriter out, PrintWriter err, Clock clock) {
    this.clients = clients;
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(FlowlineCli::connect, out, err, Clock.systemUTC(), args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code; never calls System.exit (tests run it in-process). */
  public static int run(Function<KubeOptions, KubernetesClient> clients, PrintWriter out, PrintWriter err,
      Clock clock, String... args) {
    FlowlineCli root = new FlowlineCli(clients, out, err, clock);
    CommandLine commandLine = commandLine(root);
    commandLine.setOut(out);
    commandLine.setErr(err);
    try {
      return commandLine.execute(args);
    } finally {
      root.close();
      out.flush();
      err.flush();
    }
  }

  /** The parser alone, for tests of argument parsing. */
  public static CommandLine commandLine(FlowlineCli root) {
    CommandLine commandLine = new CommandLine(root);
    commandLine.setExecutionExceptionHandler(FlowlineCli::handle);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  private static KubernetesClient connect(KubeOptions options) {
    return new KubernetesClientBuilder().withConfig(options.config()).build();
  }

  @Override
  public void run() {
    // No verb: show what there is.
    new CommandLine(this).usage(out);
  }

  /** The cluster connection of this command line, made on first use (--help needs none). */
  public Session session() {
    if (session == null) {
      KubeOptions options = new KubeOptions(kubeconfig, context, namespace);
      KubernetesClient client = clients.apply(options);
      String ns = namespace != null && !namespace.isBlank() ? namespace
          : KubeOptions.namespaceOf(client.getConfiguration());
      session = new Session(client, ns, out, err, clock);
    }
    return session;
  }

  private void close() {
    if (session != null) {
      session.close();
    }
  }

  private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof CliException cli) {
      err.println("error: " + cli.getMessage());
      return cli.exitCode();
    }
    if (e instanceof KubernetesClientException k) {
      CommandLine top = commandLine;
      while (top.getParent() != null) {
        top = top.getParent();
      }
      String server = top.getCommand() instanceof FlowlineCli root && root.session != null
          ? root.session.client().getMasterUrl().toString() : null;
      err.println("error: " + ApiErrorText.of(k, server));
      return k.getCode() == 404 ? ExitCodes.NOT_FOUND : ExitCodes.API_ERROR;
    }
    // A bug of this tool: say what it was, and show where with FLOWLINE_CLI_DEBUG=true.
    err.println("error: " + e);
    if (Boolean.parseBoolean(System.getenv("FLOWLINE_CLI_DEBUG"))) {
      e.printStackTrace(err);
    }
    return ExitCodes.RUN_FAILED;
  }
}
